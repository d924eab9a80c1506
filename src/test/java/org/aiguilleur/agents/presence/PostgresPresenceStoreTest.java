package org.aiguilleur.agents.presence;

import java.time.Duration;
import java.time.Instant;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.SharedDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The presence store contract on the database store, on PostgreSQL (SKIP LOCKED row locks). */
class PostgresPresenceStoreTest extends PresenceStoreContract {
    private static Database db;
    private static String url;

    @BeforeAll
    static void schema() throws Exception {
        url = SharedDatabases.postgresSchema("presence_contract");
        db = SharedDatabases.open(url, 4);
    }

    @AfterAll
    static void close() throws Exception {
        if (db != null) {
            db.close();
            SharedDatabases.dropPostgresSchema(url);
        }
    }

    @Override
    PresenceStore newStore(Instant start, Duration stale) throws Exception {
        SharedDatabases.clear(db);
        return new JdbcPresenceStore(db, Fixtures.shipped().agents(), Fixtures.shipped().centres(), start, stale);
    }

    /** The roster-reload part of the contract, on the same kind of store. */
    @org.junit.jupiter.api.Nested
    class RosterChanges extends RosterChangeContract {
        @Override
        PresenceStore newStore(Instant start, Duration stale) throws Exception {
            return PostgresPresenceStoreTest.this.newStore(start, stale);
        }
    }
}
