package org.aiguilleur.agents.presence;

import java.time.Duration;
import java.time.Instant;
import org.aiguilleur.testing.Fixtures;

/** The presence store contract on the in-memory store of one instance. */
class InMemoryPresenceStoreTest extends PresenceStoreContract {
    @Override
    PresenceStore newStore(Instant start, Duration stale) {
        return new InMemoryPresenceStore(Fixtures.shipped().agents(), Fixtures.shipped().centres(), start, stale);
    }

    /** The roster-reload part of the contract, on the same kind of store. */
    @org.junit.jupiter.api.Nested
    class RosterChanges extends RosterChangeContract {
        @Override
        PresenceStore newStore(Instant start, Duration stale) throws Exception {
            return InMemoryPresenceStoreTest.this.newStore(start, stale);
        }
    }
}
