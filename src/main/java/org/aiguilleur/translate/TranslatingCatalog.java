package org.aiguilleur.translate;

import java.util.Optional;
import org.aiguilleur.config.PromptStore;
import org.aiguilleur.flow.PromptCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stored texts of one configuration, and for what they lack, the service's translations. */
final class TranslatingCatalog implements PromptCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(TranslatingCatalog.class);

    final PromptStore stored;
    final ProtectedText protect;
    private final TranslationService service;
    /** The last answer of {@link #mayWait} and when it was worked out (the service's ticker); null before the first. */
    volatile WaitCheck lastCheck;

    record WaitCheck(boolean waits, long at) {
    }

    TranslatingCatalog(PromptStore stored, TranslationService service, ProtectedText protect) {
        this.stored = stored;
        this.service = service;
        this.protect = protect;
    }

    @Override
    public boolean mayWait() {
        return service.mayWait(this);
    }

    @Override
    public Optional<String> text(String id, String language) {
        Optional<String> s = stored.text(id, language);
        if (s.isPresent()) {
            return s;
        }
        try {
            return service.lookup(this, id, language);
        } catch (RuntimeException e) {
            // Translation is a nicety: whatever fails there, the caller hears the fallback language.
            LOG.warn("translation lookup of {} in {} failed; the fallback language is used", id, language, e);
            return Optional.empty();
        }
    }
}
