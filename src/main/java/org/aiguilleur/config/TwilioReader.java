package org.aiguilleur.config;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.aiguilleur.agents.roster.Reach;

/** Reads the {@code twilio:} block of {@code aiguilleur.yaml}; names and values are checked against the Twilio SDK. */
final class TwilioReader {
    private static final Set<String> VOICES = names(Say.Voice.values());
    private static final Set<String> SAY_LANGUAGES = names(Say.Language.values());
    private static final Set<String> SPEECH_LANGUAGES = names(Gather.Language.values());

    private TwilioReader() {
    }

    static TwilioSettings read(Node t, Path base) {
        TwilioSettings d = TwilioSettings.DEFAULTS;
        if (t.isMissing()) {
            return d;
        }
        if (!t.keys(Set.of("public-url", "auth-token-file", "voices", "hold-music", "announce-every", "max-queue-wait",
                "transfer-timeout", "max-request-bytes", "calls-in-memory", "interpreter-agents", "presence-store"))) {
            return d;
        }
        Optional<URI> publicUrl = t.string("public-url", false).flatMap(u -> url(t.child("public-url"), u, true))
                .map(u -> URI.create(u.toString().replaceAll("/+$", "")));
        Optional<Path> tokenFile = t.string("auth-token-file", false).map(base::resolve);
        Map<String, TwilioSettings.Voice> voices = new LinkedHashMap<>();
        TwilioSettings.Voice defaultVoice = d.defaultVoice();
        for (Map.Entry<String, Node> e : t.entries("voices", false).entrySet()) {
            Optional<TwilioSettings.Voice> v = voice(e.getValue());
            if (v.isEmpty()) {
                continue;
            }
            if (e.getKey().equals("default")) {
                defaultVoice = v.get();
            } else if (!e.getKey().matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
                e.getValue().error("\"" + e.getKey() + "\" is not a BCP 47 language tag like fr-CA (or default)");
            } else {
                voices.put(e.getKey(), v.get());
            }
        }
        Optional<String> music = t.string("hold-music", false).flatMap(u -> url(t.child("hold-music"), u, false))
                .map(URI::toString);
        Duration every = duration(t, "announce-every", d.announceEvery(), Duration.ofSeconds(5), Duration.ofMinutes(10));
        Duration maxWait = duration(t, "max-queue-wait", d.maxQueueWait(), Duration.ofMinutes(1), Duration.ofHours(2));
        Duration transfer = duration(t, "transfer-timeout", d.transferTimeout(), Duration.ofSeconds(5), Duration.ofMinutes(2));
        int maxBytes = t.integer("max-request-bytes", false, 1024, 1024 * 1024).orElse(d.maxRequestBytes());
        int calls = t.integer("calls-in-memory", false, 100, 1_000_000).orElse(d.callsInMemory());
        Map<String, String> interpreterAgents = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : t.entries("interpreter-agents", false).entrySet()) {
            // The queue names are checked against centres.yaml by ConfigLoader, once the centres are read.
            e.getValue().asString().ifPresent(r -> {
                if (Reach.parse(r).isPresent()) {
                    interpreterAgents.put(e.getKey(), r.strip());
                } else {
                    e.getValue().error("\"" + r + "\" is not a phone number like +15145550101, client:NAME or sip:USER@HOST");
                }
            });
        }
        TwilioSettings.StateStore stateStore = stateStore(t);
        return new TwilioSettings(publicUrl, tokenFile, voices, defaultVoice, music, every, maxWait, transfer, maxBytes, calls,
                interpreterAgents, stateStore);
    }

    /** {@code presence-store: memory | database}; memory when absent or wrong (the error is reported). */
    private static TwilioSettings.StateStore stateStore(Node t) {
        Optional<String> word = t.string("presence-store", false);
        if (word.isEmpty()) {
            return TwilioSettings.StateStore.MEMORY;
        }
        for (TwilioSettings.StateStore s : TwilioSettings.StateStore.values()) {
            if (s.word().equals(word.get())) {
                return s;
            }
        }
        t.child("presence-store").error("\"" + word.get() + "\" is not memory or database");
        return TwilioSettings.StateStore.MEMORY;
    }

    private static Optional<TwilioSettings.Voice> voice(Node n) {
        if (!n.keys(Set.of("voice", "say-language", "speech-language", "audio"))) {
            if (n.isMissing()) {
                n.error("is empty");
            }
            return Optional.empty();
        }
        Optional<String> voice = oneOf(n, "voice", VOICES, "a Twilio <Say> voice like Google.fr-CA-Neural2-A");
        Optional<String> say = oneOf(n, "say-language", SAY_LANGUAGES, "a Twilio <Say> language like fr-CA");
        Optional<String> speech = oneOf(n, "speech-language", SPEECH_LANGUAGES,
                "a Twilio speech recognition language like fr-CA");
        Optional<String> audio = n.string("audio", false);
        if (audio.isPresent() && (!audio.get().contains("{id}") || url(n.child("audio"), audio.get().replace("{id}", "x"), false).isEmpty())) {
            if (!audio.get().contains("{id}")) {
                n.child("audio").error("\"" + audio.get() + "\" has no {id} for the prompt's name");
            }
            audio = Optional.empty();
        }
        return Optional.of(new TwilioSettings.Voice(voice, say, speech, audio));
    }

    private static Optional<String> oneOf(Node n, String key, Set<String> allowed, String what) {
        Optional<String> s = n.string(key, false);
        if (s.isPresent() && !allowed.contains(s.get())) {
            n.child(key).error("\"" + s.get() + "\" is not " + what);
            return Optional.empty();
        }
        return s;
    }

    private static Optional<URI> url(Node n, String text, boolean base) {
        try {
            URI u = new URI(text);
            boolean web = "https".equals(u.getScheme()) || "http".equals(u.getScheme());
            if (web && u.getHost() != null && (!base || (u.getQuery() == null && u.getFragment() == null))) {
                return Optional.of(u);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        n.error("\"" + text + "\" is not an absolute http(s) URL" + (base ? " without query" : ""));
        return Optional.empty();
    }

    private static Duration duration(Node t, String key, Duration fallback, Duration min, Duration max) {
        Optional<Duration> v = t.duration(key, false);
        if (v.isPresent() && (v.get().compareTo(min) < 0 || v.get().compareTo(max) > 0)) {
            t.child(key).error(v.get().toSeconds() + "s is not from " + min.toSeconds() + "s to " + max.toSeconds() + "s");
            return fallback;
        }
        return v.orElse(fallback);
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Object::toString).collect(Collectors.toUnmodifiableSet());
    }
}
