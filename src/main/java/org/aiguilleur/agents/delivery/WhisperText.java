package org.aiguilleur.agents.delivery;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.roster.Whisper;

/** Words the whisper: the queue's language, the region and the need, with human names. */
final class WhisperText {
    private WhisperText() {
    }

    /**
     * @param queueLanguage the language of the queue the caller waits in (what the agent will speak)
     * @param regionName    a region id's name, empty for an unknown id
     * @param acceptKey     the key to press, empty when answering takes the call
     */
    static String of(Whisper w, WaitingCaller c, String queueLanguage, Function<String, Optional<String>> regionName,
                     Optional<String> acceptKey) {
        Locale in = Locale.forLanguageTag(w.language());
        String region = (c.region() == null ? Optional.<String>empty() : regionName.apply(c.region())).orElse(w.unknownRegion());
        // A need the door did not learn (empty) is worded as "other".
        String needId = c.need() == null || c.need().isBlank() ? "other" : c.need();
        String need = w.needs().getOrDefault(needId, needId);
        String template = c.interpreterLanguage().isEmpty() ? w.call() : w.interpreted();
        String text = fill(template, Map.of(
                "language", languageName(queueLanguage, in),
                "interpreter", languageName(c.interpreterLanguage(), in),
                "region", region,
                "need", need,
                "key", acceptKey.orElse("")));
        return acceptKey.map(k -> text + " " + fill(w.accept(), Map.of("key", k))).orElse(text);
    }

    private static String languageName(String tag, Locale in) {
        if (tag == null || tag.isEmpty()) {
            return "";
        }
        String name = Locale.forLanguageTag(tag).getDisplayLanguage(in);
        return name.isEmpty() ? tag : name;
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
