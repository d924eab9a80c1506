package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and checks the {@code translation:} block of {@code aiguilleur.yaml}. */
final class TranslationReader {
    private static final Set<String> KEYS = Set.of("enabled", "api", "source", "languages", "project", "location",
            "endpoint", "api-key-env", "wait", "timeout", "retry-after", "cache-size", "cache-dir", "protected-terms",
            "untranslated-prompts");

    private TranslationReader() {
    }

    static TranslationSettings read(Node n, Path base) {
        TranslationSettings d = TranslationSettings.defaults(base);
        if (!n.keys(KEYS)) {
            return d;
        }
        boolean enabled = n.bool("enabled").orElse(d.enabled());
        String api = n.string("api", false).orElse(d.api());
        if (!api.equals("v3") && !api.equals("v2")) {
            n.child("api").error("\"" + api + "\" is not v3 (TranslationServiceClient) or v2 (API key)");
            api = d.api();
        }
        String source = n.string("source", false).flatMap(s -> FlowReader.tag(n.child("source"), s)).orElse(d.source());
        Set<String> languages = new LinkedHashSet<>();
        for (Node l : n.list("languages", false)) {
            l.asString().flatMap(s -> FlowReader.tag(l, s)).ifPresent(s -> {
                if (s.equals(source) || s.equals("und")) {
                    l.error("\"" + s + "\" cannot be translated into (it is the source or undetermined)");
                } else if (!languages.add(s)) {
                    l.error("\"" + s + "\" is listed twice");
                }
            });
        }
        Optional<String> project = n.string("project", false);
        String location = n.string("location", false).orElse(d.location());
        Optional<String> endpoint = n.string("endpoint", false);
        String keyEnv = n.string("api-key-env", false).orElse(d.apiKeyEnv());
        Duration wait = bounded(n, "wait", d.callerWait(), Duration.ofMillis(50), Duration.ofMillis(1500));
        Duration timeout = bounded(n, "timeout", d.timeout(), Duration.ofSeconds(1), Duration.ofSeconds(60));
        Duration retryAfter = bounded(n, "retry-after", d.retryAfter(), Duration.ofSeconds(1), Duration.ofHours(24));
        int cacheSize = n.integer("cache-size", false, 1, 1_000_000).orElse(d.cacheSize());
        Path cacheDir = n.string("cache-dir", false).map(p -> base.resolve(p).normalize()).orElse(d.cacheDir());
        List<String> terms = new ArrayList<>(TranslationSettings.ALWAYS_PROTECTED);
        for (Node t : n.list("protected-terms", false)) {
            t.asString().filter(s -> !terms.contains(s)).ifPresent(terms::add);
        }
        List<String> untranslated = d.untranslated();
        if (!n.child("untranslated-prompts").isMissing()) {
            untranslated = new ArrayList<>();
            for (Node u : n.list("untranslated-prompts", false)) {
                u.asString().ifPresent(untranslated::add);
            }
        }
        return new TranslationSettings(enabled, api, source, List.copyOf(languages), project, location, endpoint,
                keyEnv, wait, timeout, retryAfter, cacheSize, cacheDir, terms, untranslated, d.promptsDir());
    }

    private static Duration bounded(Node n, String key, Duration def, Duration min, Duration max) {
        Optional<Duration> d = n.duration(key, false);
        if (d.isPresent() && (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0)) {
            n.child(key).error("\"" + n.child(key).json.asText() + "\" is not from " + show(min) + " to " + show(max));
            return def;
        }
        return d.orElse(def);
    }

    private static String show(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long sec = ms / 1000;
        return sec % 3600 == 0 ? sec / 3600 + "h" : sec % 60 == 0 ? sec / 60 + "m" : sec + "s";
    }
}
