package org.aiguilleur.records.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The records database: a HikariCP pool on H2 (embedded file, the default) or PostgreSQL, migrated
 * by Flyway from {@code db/records} the first time it is reachable. Opening never fails because the
 * server is down: the first use that reaches it migrates it, and until then every use throws
 * {@link SQLException} (the recorder journals meanwhile).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final boolean postgres;
    private volatile boolean migrated;

    private Database(HikariDataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
    }

    /**
     * A pool on {@code url}; nothing is connected yet.
     *
     * @param password empty for none (embedded H2)
     */
    public static Database open(String url, String user, Optional<String> password, int poolSize) {
        if (url.startsWith("jdbc:h2:file:")) {
            createParent(url.substring("jdbc:h2:file:".length()));
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (user != null) {
            c.setUsername(user);
        }
        password.ifPresent(c::setPassword);
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(1);
        c.setPoolName("records");
        // Never fail start-up, and never wait long for a database that is away: the journal takes over.
        c.setInitializationFailTimeout(-1);
        c.setConnectionTimeout(2_000);
        c.setValidationTimeout(1_000);
        c.setAutoCommit(true);
        c.setExceptionOverride(new BrokenConnections());
        return new Database(new HikariDataSource(c), url.startsWith("jdbc:postgresql:"));
    }

    private static void createParent(String h2Path) {
        int semicolon = h2Path.indexOf(';');
        Path file = Path.of(semicolon < 0 ? h2Path : h2Path.substring(0, semicolon));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the records folder " + file.getParent() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Evicts connections whose database went away. Hikari does this itself for SQL state 08xxx; H2
     * reports a server that closed the database or the socket with its own codes instead.
     */
    static final class BrokenConnections implements SQLExceptionOverride {
        private static final java.util.Set<Integer> H2_GONE = java.util.Set.of(90067, 90121, 90098, 90028);

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException s && (H2_GONE.contains(s.getErrorCode())
                        || s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                    return SQLExceptionOverride.Override.MUST_EVICT;
                }
            }
            return SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    /** A connection to a migrated database. */
    public Connection connection() throws SQLException {
        if (!migrated) {
            migrate();
        }
        return pool.getConnection();
    }

    private synchronized void migrate() throws SQLException {
        if (migrated) {
            return;
        }
        try (Connection probe = pool.getConnection()) {
            // Reachable: fall through to migrate (Flyway takes its own connections).
            probe.isValid(1);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/records").load().migrate();
        } catch (FlywayException e) {
            throw new SQLException("migrating the records database failed: " + e.getMessage(), e);
        }
        migrated = true;
    }

    /** The pool, for tests and tools. */
    public DataSource dataSource() {
        return pool;
    }

    /** Whether this is PostgreSQL (else H2). */
    public boolean postgres() {
        return postgres;
    }

    @Override
    public void close() {
        pool.close();
    }
}
