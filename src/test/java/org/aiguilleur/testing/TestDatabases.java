package org.aiguilleur.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.h2.tools.Server;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for the records tests: an H2 TCP server on a file in a temporary folder (so a
 * proxy can stand between it and the client), and the PostgreSQL server that
 * {@code .ci/setup.d/20-postgresql.sh} starts ({@code AIGUILLEUR_TEST_PG_URL}). Under CI
 * ({@code CI=true}) a missing PostgreSQL fails the test instead of skipping it.
 */
public final class TestDatabases {
    public static final String PG_ENV = "AIGUILLEUR_TEST_PG_URL";

    private TestDatabases() {
    }

    /** A database server: its host, port, and how to build a JDBC URL through another port (a proxy). */
    public interface Target extends AutoCloseable {
        String host();

        int port();

        /** The JDBC URL through {@code port} (the server's own port, or a proxy's). */
        String url(int port);

        /** Drops everything the records migrations created, for a fresh start. */
        void wipe() throws SQLException;

        @Override
        void close();
    }

    /** An H2 TCP server on {@code dir}, loopback only. */
    public static Target h2(Path dir) throws SQLException {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        int port = server.getPort();
        return new Target() {
            public String host() {
                return "127.0.0.1";
            }

            public int port() {
                return port;
            }

            public String url(int p) {
                return "jdbc:h2:tcp://127.0.0.1:" + p + "/records";
            }

            public void wipe() throws SQLException {
                exec(url(port), "sa", "DROP ALL OBJECTS");
            }

            public void close() {
                server.stop();
            }
        };
    }

    /** The CI PostgreSQL server; skips the test when it is not configured (fails under CI). */
    public static Target postgres() throws SQLException {
        Optional<String> url = Optional.ofNullable(System.getenv(PG_ENV)).filter(s -> !s.isBlank());
        if (url.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(PG_ENV + " is not set: .ci/setup.d/20-postgresql.sh must start PostgreSQL under CI");
            }
            Assumptions.abort(PG_ENV + " is not set (run: source .ci/setup.d/20-postgresql.sh)");
        }
        java.net.URI uri = java.net.URI.create(url.get().substring("jdbc:".length()));
        String rest = url.get().substring(url.get().indexOf(uri.getRawPath()));
        return new Target() {
            public String host() {
                return uri.getHost();
            }

            public int port() {
                return uri.getPort();
            }

            public String url(int p) {
                return "jdbc:postgresql://" + uri.getHost() + ":" + p + rest;
            }

            public void wipe() throws SQLException {
                exec(url.get(), null, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            }

            public void close() {
            }
        };
    }

    private static void exec(String url, String user, String sql) throws SQLException {
        try (Connection c = user == null ? java.sql.DriverManager.getConnection(url)
                : java.sql.DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
