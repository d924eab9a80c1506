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
}
