package org.aiguilleur.records.store;

import java.nio.file.Path;
import org.aiguilleur.testing.TestDatabases;

/** The store contract on the PostgreSQL server of {@code .ci/setup.d/20-postgresql.sh}. */
class PostgresRecordStoreTest extends RecordStoreContract {
    @Override
    TestDatabases.Target target(Path dir) throws Exception {
        return TestDatabases.postgres();
    }

    @Override
    String user() {
        return null;
    }
}
