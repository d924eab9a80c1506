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

    @BeforeAll
    static void schema() throws Exception {
        db = SharedDatabases.open(SharedDatabases.postgresSchema("presence_contract"), 4);
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    PresenceStore newStore(Instant start, Duration stale) throws Exception {
        SharedDatabases.clear(db);
        return new JdbcPresenceStore(db, Fixtures.shipped().agents(), Fixtures.shipped().centres(), start, stale);
    }
}
