package org.aiguilleur.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.PromptStore;
import org.aiguilleur.config.TwilioLanguages;
import org.aiguilleur.config.TwilioSettings;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.languages.Language;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.routing.Centre;

/** Per language: what a caller speaking it gets from a configuration. */
final class LanguageCoverage {

    /**
     * One language's row.
     *
     * @param promptTags     the prompt files of the language ({@code fr-CA})
     * @param humanPrompts   prompt texts written by people, in those files
     * @param machinePrompts machine-translated prompt texts
     * @param voice          how this deployment speaks it on Twilio ({@code twilio.voices} of aiguilleur.yaml):
     *                       the voice, {@code audio} for recordings, or {@code default} when the table does not name it
     * @param recognizer     this deployment's speech-recognition language for it on Twilio, if any
     * @param say            a {@code <Say>} language Twilio offers for it, if any (reference table)
     * @param speech         a speech-recognition language Twilio offers for it, if any (reference table)
     * @param centres        the centres whose agents speak it
     * @param interpreters   the interpreter services that list it ({@code id (off)} when disabled)
     */
    record Row(String code, String english, String french, String autonym, List<String> promptTags,
               int humanPrompts, int machinePrompts, String voice, String recognizer, String say, String speech,
               List<String> centres,
               List<String> interpreters) {

        boolean covered() {
            return !promptTags.isEmpty() || !centres.isEmpty() || !interpreters.isEmpty();
        }
    }

    private LanguageCoverage() {
    }

    /** Rows for every catalogue language ({@code all}), or only those with prompts, agents or interpreters. */
    static List<Row> rows(Configuration cfg, TwilioLanguages twilio, LanguageCatalogue catalogue, boolean all) {
        Set<String> codes = new LinkedHashSet<>();
        // Languages the configuration names come first, in a stable order; then the rest of the catalogue.
        cfg.centres().forEach(c -> codes.addAll(c.languages()));
        cfg.prompts().languages().stream().map(LanguageCatalogue::primary).sorted().forEach(codes::add);
        cfg.interpreters().providers().forEach(p -> p.languageCodes().keySet().stream().sorted().forEach(codes::add));
        catalogue.all().forEach(l -> codes.add(l.code()));
        List<Row> out = new ArrayList<>();
        for (String code : codes) {
            Row r = row(code, cfg, twilio, catalogue);
            if (all || r.covered()) {
                out.add(r);
            }
        }
        return out;
    }

    /** The interpreter services asked to identify a language nobody could name ({@code und}). */
    static List<String> identifiers(Configuration cfg) {
        return cfg.interpreters().providers().stream().map(LanguageCoverage::label).toList();
    }

    private static Row row(String code, Configuration cfg, TwilioLanguages twilio, LanguageCatalogue catalogue) {
        Optional<Language> lang = catalogue.find(code);
        List<String> tags = cfg.prompts().languages().stream()
                .filter(t -> LanguageCatalogue.primary(t).equals(code)).sorted().toList();
        int human = 0;
        int machine = 0;
        for (String t : tags) {
            for (PromptStore.Entry e : cfg.prompts().entries(t).values()) {
                if (e.source().equals("machine")) {
                    machine++;
                } else {
                    human++;
                }
            }
        }
        TwilioLanguages.Support s = twilio.support(code);
        TwilioSettings.Voice v = configuredVoice(cfg.settings().twilio().voices(), code, tags);
        List<String> centres = cfg.centres().stream().filter(c -> c.languages().contains(code)).map(Centre::id).toList();
        List<String> interpreters = cfg.interpreters().providers().stream().filter(p -> p.offers(code))
                .map(LanguageCoverage::label).toList();
        return new Row(code, lang.map(Language::english).orElse(code), lang.map(Language::french).orElse(code),
                lang.flatMap(Language::autonym).orElse(""), tags, human, machine,
                v == null ? "default" : v.voice().orElse(v.audio().isPresent() ? "audio" : "default"),
                v == null ? "" : v.speechLanguage().orElse(""), s.say().orElse(""), s.speech().orElse(""),
                centres, interpreters);
    }

    /**
     * The voice-table entry for a language, looked up as the Twilio door does: a prompt tag of the
     * language ({@code fr-CA}), the primary code, then any entry of the same primary language; null for none.
     */
    private static TwilioSettings.Voice configuredVoice(Map<String, TwilioSettings.Voice> voices, String code,
                                                       List<String> tags) {
        for (String t : tags) {
            if (voices.containsKey(t)) {
                return voices.get(t);
            }
        }
        if (voices.containsKey(code)) {
            return voices.get(code);
        }
        return voices.entrySet().stream().filter(e -> LanguageCatalogue.primary(e.getKey()).equals(code))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String label(Provider p) {
        return p.enabled() ? p.id() : p.id() + " (off)";
    }
}
