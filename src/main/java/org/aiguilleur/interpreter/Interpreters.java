package org.aiguilleur.interpreter;

import java.util.ArrayList;
import java.util.List;
import org.aiguilleur.languages.LanguageCatalogue;

/**
 * The configured interpreter services, in order (primary first). Immutable.
 */
public record Interpreters(List<Provider> providers) {
    /** No interpreter service: interpreted calls hear the apology and stay with the agent. */
    public static final Interpreters NONE = new Interpreters(List.of());

    public Interpreters {
        providers = List.copyOf(providers);
    }

    /** The providers calls use. */
    public List<Provider> enabled() {
        return providers.stream().filter(Provider::enabled).toList();
    }

    /**
     * The tries for a caller's language, in order: each enabled provider that lists the language,
     * {@code attempts} times each, in configured order; then the enabled providers that do not list
     * it, asked to identify the language (their operator may still find an interpreter). For
     * {@code und} every enabled provider is asked to identify it.
     */
    public List<Dial> plan(String language) {
        String lang = LanguageCatalogue.primary(language);
        List<Provider> order = new ArrayList<>();
        enabled().stream().filter(p -> p.offers(lang)).forEach(order::add);
        enabled().stream().filter(p -> !p.offers(lang)).forEach(order::add);
        List<Dial> out = new ArrayList<>();
        for (Provider p : order) {
            String dtmf = p.renderDtmf(lang);
            for (int i = 0; i < p.attempts(); i++) {
                out.add(new Dial(out.size() + 1, p.id(), p.number(), dtmf, p.codeFor(lang), p.connectTimeout()));
            }
        }
        return List.copyOf(out);
    }
}
