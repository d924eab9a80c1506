package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code records:} block of {@code aiguilleur.yaml}: where call records are kept and how.
 * Paths are already resolved against the configuration folder.
 *
 * @param url            the JDBC URL: {@code jdbc:h2:file:...} (embedded, the default) or {@code jdbc:postgresql:...}
 * @param user           the database user
 * @param passwordEnv    the environment variable holding the database password
 * @param passwordFile   a secrets file holding the password, used when the variable is not set
 * @param hashSecretEnv  the environment variable holding the caller-number hash secret
 * @param hashSecretFile the file holding that secret when the variable is not set; created on first start
 * @param journal        the local append-only journal (JSON lines) of events not yet in the database
 * @param retentionDays  records older than this many days are purged
 * @param serviceLevel   the service-level threshold: answered within this wait
 * @param poolSize       the largest number of database connections
 * @param queueCapacity  events held in memory before the writer takes them
 * @param batchSize      the largest batch the writer stores in one transaction
 * @param managers       agent ids allowed to read reports over HTTP
 */
public record RecordsSettings(String url, String user, String passwordEnv, Optional<Path> passwordFile,
                              String hashSecretEnv, Path hashSecretFile, Path journal, int retentionDays,
                              Duration serviceLevel, int poolSize, int queueCapacity, int batchSize,
                              Set<String> managers) {

    public static final String DEFAULT_PASSWORD_ENV = "AIGUILLEUR_RECORDS_PASSWORD";
    public static final String DEFAULT_HASH_SECRET_ENV = "AIGUILLEUR_CALLER_HASH_SECRET";

    public RecordsSettings {
        managers = Set.copyOf(managers);
    }

    /** The defaults for a configuration folder without a {@code records:} block. */
    public static RecordsSettings defaults(Path configDir) {
        Path data = configDir.resolve("../data").normalize();
        return new RecordsSettings(h2Url(data.resolve("records")), "sa", DEFAULT_PASSWORD_ENV, Optional.empty(),
                DEFAULT_HASH_SECRET_ENV, data.resolve("caller-hash.secret"), data.resolve("records-journal.jsonl"),
                730, Duration.ofSeconds(60), 4, 50_000, 500, Set.of());
    }

    /** The embedded H2 URL for a database file (without its {@code .mv.db} suffix). */
    static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath().normalize();
    }

    /** Whether the store is the embedded H2 database. */
    public boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    /** The same settings on another database (tests, tools). */
    public RecordsSettings withUrl(String otherUrl, String otherUser) {
        return new RecordsSettings(otherUrl, otherUser, passwordEnv, passwordFile, hashSecretEnv, hashSecretFile,
                journal, retentionDays, serviceLevel, poolSize, queueCapacity, batchSize, managers);
    }

    /** The same settings with another journal file (tests, tools). */
    public RecordsSettings withJournal(Path otherJournal, Path otherHashSecretFile) {
        return new RecordsSettings(url, user, passwordEnv, passwordFile, hashSecretEnv, otherHashSecretFile,
                otherJournal, retentionDays, serviceLevel, poolSize, queueCapacity, batchSize, managers);
    }

    /** The same settings with another manager list (tests). */
    public RecordsSettings withManagers(Set<String> otherManagers) {
        return new RecordsSettings(url, user, passwordEnv, passwordFile, hashSecretEnv, hashSecretFile,
                journal, retentionDays, serviceLevel, poolSize, queueCapacity, batchSize, otherManagers);
    }

    /** The URL without its parameters, which may carry a password ({@code ?password=}): for logs and messages. */
    public String safeUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public String toString() {
        return "RecordsSettings[" + safeUrl() + "]";
    }
}
