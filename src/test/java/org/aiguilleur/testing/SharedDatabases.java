package org.aiguilleur.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.aiguilleur.records.store.Database;

/**
 * Records databases for the tests of state shared by several instances (presence, hang-ups): a
 * private in-memory H2 database, or a private schema on the CI PostgreSQL server
 * ({@link TestDatabases#postgres()}), so that these tests never touch the records tests' tables.
 */
public final class SharedDatabases {
    private SharedDatabases() {
    }

    /** A fresh in-memory H2 database, kept while the JVM runs (several pools may open it). */
    public static String h2Url() {
        return "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A pool on {@code url}: H2 ({@code sa}) or PostgreSQL (user and password in the URL). */
    public static Database open(String url, int poolSize) {
        return Database.open(url, url.startsWith("jdbc:h2:") ? "sa" : null, Optional.empty(), poolSize);
    }

    /**
     * The URL of a fresh schema {@code name_<this JVM's pid>} on the CI PostgreSQL server (so that two
     * builds at once never share it); skips the test when PostgreSQL is not configured (fails under CI).
     * Drop it with {@link #dropPostgresSchema} when done.
     */
    public static String postgresSchema(String name) throws SQLException {
        TestDatabases.Target pg = TestDatabases.postgres();
        String base = pg.url(pg.port());
        String schema = name + "_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the schema of a URL {@link #postgresSchema} gave; nothing for other URLs. */
    public static void dropPostgresSchema(String url) throws SQLException {
        int at = url.indexOf("currentSchema=");
        if (!url.startsWith("jdbc:postgresql:") || at < 0) {
            return;
        }
        String schema = url.substring(at + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(url.substring(0, at - 1)); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Empties the shared-state tables (between tests on one schema). */
    public static void clear(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String t : new String[] {"presence_offer", "presence_caller", "presence_agent", "call_hangup"}) {
                s.execute("DELETE FROM " + t);
            }
        }
    }
}
