package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code asterisk} block of {@code aiguilleur.yaml} (queues and the optional AMI account). */
final class AsteriskReader {
    /** The strategies app_queue knows (queues.conf {@code strategy}). */
    static final List<String> STRATEGIES = List.of("ringall", "leastrecent", "fewestcalls", "random", "rrmemory",
            "rrordered", "linear", "wrandom");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]+");

    private AsteriskReader() {
    }

    static AsteriskSettings read(Node n, Path base) {
        if (n.isMissing() || !n.keys(Set.of("queues", "ami"))) {
            return AsteriskSettings.DEFAULTS;
        }
        return new AsteriskSettings(queues(n.child("queues")), ami(n.child("ami"), base));
    }

    private static AsteriskSettings.Queues queues(Node q) {
        AsteriskSettings.Queues d = AsteriskSettings.Queues.DEFAULTS;
        if (q.isMissing() || !q.keys(Set.of("music-on-hold", "strategy", "ring-timeout", "announce-every",
                "periodic-announce-every", "sound-languages", "max-wait"))) {
            return d;
        }
        String moh = q.string("music-on-hold", false).filter(s -> word(q.child("music-on-hold"), s)).orElse(d.musicOnHold());
        String strategy = q.string("strategy", false).filter(s -> {
            if (STRATEGIES.contains(s)) {
                return true;
            }
            q.child("strategy").error("\"" + s + "\" is not a queue strategy (expected one of "
                    + String.join(", ", STRATEGIES) + ")");
            return false;
        }).orElse(d.strategy());
        Duration ring = seconds(q, "ring-timeout", 1, 3600).orElse(d.ringTimeout());
        Duration announce = seconds(q, "announce-every", 0, 3600).orElse(d.announceEvery());
        Duration periodic = seconds(q, "periodic-announce-every", 0, 3600).orElse(d.periodicAnnounceEvery());
        // As twilio.max-queue-wait: long enough for a person to answer, short enough to try elsewhere.
        Duration maxWait = seconds(q, "max-wait", 60, 7200).orElse(d.maxWait());
        List<String> languages = d.soundLanguages();
        if (!q.child("sound-languages").isMissing()) {
            languages = new ArrayList<>();
            for (Node l : q.list("sound-languages", false)) {
                Optional<String> s = l.asString();
                if (s.isPresent() && !LANGUAGE.matcher(s.get()).matches()) {
                    l.error("\"" + s.get() + "\" is not a primary language code like fr");
                } else if (s.isPresent() && !languages.contains(s.get())) {
                    languages.add(s.get());
                }
            }
        }
        return new AsteriskSettings.Queues(moh, strategy, ring, announce, periodic, languages, maxWait);
    }

    /** A duration in whole seconds, from {@code min} to {@code max} (Asterisk counts in seconds). */
    private static Optional<Duration> seconds(Node q, String key, int min, int max) {
        return q.duration(key, false).filter(v -> {
            if (v.toMillis() % 1000 != 0 || v.getSeconds() < min || v.getSeconds() > max) {
                q.child(key).error("\"" + q.child(key).json.asText() + "\" is not a whole number of seconds from "
                        + min + "s to " + max + "s");
                return false;
            }
            return true;
        });
    }

    private static Optional<AsteriskSettings.Ami> ami(Node a, Path base) {
        if (a.isMissing()) {
            return Optional.empty();
        }
        if (!a.child("secret").isMissing()) {
            a.child("secret").error("the secret must not be written in the configuration: set "
                    + AsteriskSettings.Ami.SECRET_ENV + " in the environment or name a secret-file");
        }
        if (!a.keys(Set.of("host", "port", "username", "secret-file", "secret"))) {
            return Optional.empty();
        }
        Optional<String> host = a.string("host", true).filter(s -> matches(a.child("host"), s, HOST, "a host name or address"));
        Optional<Integer> port = a.integer("port", false, 1, 65535);
        Optional<String> user = a.string("username", true);
        boolean portOk = a.child("port").isMissing() || port.isPresent();
        Optional<Path> secretFile = a.string("secret-file", false).map(base::resolve);
        if (host.isEmpty() || user.isEmpty() || !portOk || !a.child("secret").isMissing()) {
            return Optional.empty();
        }
        return Optional.of(new AsteriskSettings.Ami(host.get(), port.orElse(5038), user.get(), secretFile));
    }

    /** A value written into queues.conf as is: one word, so that it cannot break the file. */
    private static boolean word(Node n, String s) {
        return matches(n, s, WORD, "a single word (letters, digits, - and _)");
    }

    private static boolean matches(Node n, String s, Pattern p, String what) {
        if (!p.matcher(s).matches()) {
            n.error("\"" + s + "\" is not " + what);
            return false;
        }
        return true;
    }
}
