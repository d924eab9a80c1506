package org.aiguilleur.agents.presence;

import java.time.Duration;
import java.time.Instant;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.SharedDatabases;
import org.junit.jupiter.api.AfterEach;

/** The presence store contract on the database store, on H2 (its coarse lock). */
class H2PresenceStoreTest extends PresenceStoreContract {
    private final java.util.List<Database> opened = new java.util.ArrayList<>();

    @Override
    PresenceStore newStore(Instant start, Duration stale) {
        Database db = SharedDatabases.open(SharedDatabases.h2Url(), 4);
        opened.add(db);
        return new JdbcPresenceStore(db, Fixtures.shipped().agents(), Fixtures.shipped().centres(), start, stale);
    }

    @AfterEach
    void close() {
        opened.forEach(Database::close);
        opened.clear();
    }

    /** The roster-reload part of the contract, on the same kind of store. */
    @org.junit.jupiter.api.Nested
    class RosterChanges extends RosterChangeContract {
        @Override
        PresenceStore newStore(Instant start, Duration stale) throws Exception {
            return H2PresenceStoreTest.this.newStore(start, stale);
        }
    }
}
