package org.aiguilleur.translate;

import java.util.Optional;
import org.aiguilleur.config.PromptStore;
import org.aiguilleur.flow.PromptCatalog;

/** The stored texts of one configuration, and for what they lack, the service's translations. */
final class TranslatingCatalog implements PromptCatalog {
    final PromptStore stored;
    final ProtectedText protect;
    private final TranslationService service;

    TranslatingCatalog(PromptStore stored, TranslationService service, ProtectedText protect) {
        this.stored = stored;
        this.service = service;
        this.protect = protect;
    }

    @Override
    public Optional<String> text(String id, String language) {
        Optional<String> s = stored.text(id, language);
        return s.isPresent() ? s : service.lookup(this, id, language);
    }
}
