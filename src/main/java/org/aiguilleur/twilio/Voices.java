package org.aiguilleur.twilio;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aiguilleur.config.TwilioSettings;

/**
 * The voice table: how a prompt in a language is spoken ({@code <Say>} voice and language, or a
 * recording) and which recogniser hears that language. Looked up by the exact tag, then the primary
 * subtag ({@code es} for {@code es-MX}), then any entry of the same primary language, then the default.
 */
final class Voices {
    private static final Map<String, Say.Voice> SAY_VOICES = index(Say.Voice.values());
    private static final Map<String, Say.Language> SAY_LANGUAGES = index(Say.Language.values());
    private static final Map<String, Gather.Language> SPEECH_LANGUAGES = index(Gather.Language.values());

    /** A resolved entry. Empty fields: Twilio's defaults. */
    record Spoken(Optional<Say.Voice> voice, Optional<Say.Language> language, Optional<Gather.Language> speech,
                  Optional<String> audio) {
    }

    private final Map<String, Spoken> byLanguage = new HashMap<>();
    private final Spoken fallback;

    Voices(TwilioSettings settings) {
        settings.voices().forEach((lang, v) -> byLanguage.put(lang, resolve(v)));
        this.fallback = resolve(settings.defaultVoice());
    }

    Spoken forLanguage(String language) {
        Spoken s = byLanguage.get(language);
        if (s != null) {
            return s;
        }
        String primary = language.split("-", 2)[0];
        s = byLanguage.get(primary);
        if (s != null) {
            return s;
        }
        for (Map.Entry<String, Spoken> e : byLanguage.entrySet()) {
            if (e.getKey().split("-", 2)[0].equals(primary)) {
                return e.getValue();
            }
        }
        return fallback;
    }

    private static Spoken resolve(TwilioSettings.Voice v) {
        return new Spoken(v.voice().map(SAY_VOICES::get), v.sayLanguage().map(SAY_LANGUAGES::get),
                v.speechLanguage().map(SPEECH_LANGUAGES::get), v.audio());
    }

    private static <E extends Enum<E>> Map<String, E> index(E[] values) {
        return Arrays.stream(values).collect(Collectors.toMap(Object::toString, Function.identity(), (a, b) -> a));
    }
}
