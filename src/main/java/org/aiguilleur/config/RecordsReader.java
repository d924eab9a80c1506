package org.aiguilleur.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the {@code records:} block of {@code aiguilleur.yaml}. */
final class RecordsReader {
    private static final Set<String> KEYS = Set.of("url", "file", "user", "password-env", "password-file",
            "hash-secret-env", "hash-secret-file", "journal", "retention-days", "service-level", "pool-size",
            "queue-capacity", "batch-size", "managers");
    private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]*");

    private RecordsReader() {
    }

    static RecordsSettings read(Node n, Path base) {
        RecordsSettings d = RecordsSettings.defaults(base);
        if (n.isMissing() || !n.keys(KEYS)) {
            return d;
        }
        Optional<String> url = n.string("url", false);
        Optional<String> file = n.string("file", false);
        String resolvedUrl = d.url();
        if (url.isPresent() && file.isPresent()) {
            n.child("file").error("give either url or file, not both");
        } else if (url.isPresent()) {
            String u = url.get();
            if (u.startsWith("jdbc:h2:mem:") || !(u.startsWith("jdbc:postgresql://") || u.startsWith("jdbc:h2:"))) {
                n.child("url").error("\"" + shown(u) + "\" is not a jdbc:postgresql://HOST/DB or jdbc:h2: URL"
                        + " (records are kept on disk, never in memory)");
            } else {
                resolvedUrl = u;
            }
        } else if (file.isPresent()) {
            resolvedUrl = RecordsSettings.h2Url(base.resolve(file.get()));
        }
        String user = n.string("user", false).orElse(resolvedUrl.startsWith("jdbc:h2:") ? "sa" : "aiguilleur");
        String passwordEnv = env(n, "password-env").orElse(d.passwordEnv());
        Optional<String> passwordName = n.string("password-file", false);
        Optional<Path> passwordFile = passwordName.map(base::resolve);
        if (passwordFile.isPresent() && (!Files.isRegularFile(passwordFile.get()) || !Files.isReadable(passwordFile.get()))) {
            n.child("password-file").error("\"" + passwordName.get() + "\" is not a readable file");
        }
        String hashEnv = env(n, "hash-secret-env").orElse(d.hashSecretEnv());
        Path hashFile = file(n, "hash-secret-file", base).orElse(d.hashSecretFile());
        Path journal = file(n, "journal", base).orElse(d.journal());
        int retention = n.integer("retention-days", false, 1, 36_500).orElse(d.retentionDays());
        Duration serviceLevel = n.duration("service-level", false).orElse(d.serviceLevel());
        if (serviceLevel.isZero() || serviceLevel.compareTo(Duration.ofMinutes(30)) > 0) {
            n.child("service-level").error("\"" + n.child("service-level").json.asText()
                    + "\" is not a wait from 1s to 30m");
            serviceLevel = d.serviceLevel();
        }
        int pool = n.integer("pool-size", false, 1, 64).orElse(d.poolSize());
        int capacity = n.integer("queue-capacity", false, 100, 10_000_000).orElse(d.queueCapacity());
        int batch = n.integer("batch-size", false, 1, 10_000).orElse(d.batchSize());
        Set<String> managers = new LinkedHashSet<>();
        for (Node m : n.list("managers", false)) {
            m.asString().ifPresent(managers::add);
        }
        return new RecordsSettings(resolvedUrl, user, passwordEnv, passwordFile, hashEnv, hashFile, journal.normalize(),
                retention, serviceLevel, pool, capacity, batch, managers);
    }

    /** A file path (relative to the configuration folder) that must not name a folder. */
    private static Optional<Path> file(Node n, String key, Path base) {
        Optional<String> given = n.string(key, false);
        if (given.isPresent() && Files.isDirectory(base.resolve(given.get()))) {
            n.child(key).error("\"" + given.get() + "\" is a folder, not a file");
            return Optional.empty();
        }
        return given.map(g -> base.resolve(g).normalize());
    }

    private static Optional<String> env(Node n, String key) {
        Optional<String> v = n.string(key, false);
        if (v.isPresent() && !ENV.matcher(v.get()).matches()) {
            n.child(key).error("\"" + v.get() + "\" is not an environment variable name like AIGUILLEUR_X");
            return Optional.empty();
        }
        return v;
    }

    /** A URL for an error message, without what follows '?' (it may hold a password). */
    private static String shown(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }
}
