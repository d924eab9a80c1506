package org.aiguilleur.agents.presence;

import java.time.Duration;
import java.time.Instant;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.SharedDatabases;
import org.junit.jupiter.api.AfterEach;

/** The presence store contract on the database store, on H2 (its coarse lock). */
class H2PresenceStoreTest extends PresenceStoreContract {
    private Database db;

    @Override
    PresenceStore newStore(Instant start, Duration stale) {
        db = SharedDatabases.open(SharedDatabases.h2Url(), 4);
        return new JdbcPresenceStore(db, Fixtures.shipped().agents(), Fixtures.shipped().centres(), start, stale);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
