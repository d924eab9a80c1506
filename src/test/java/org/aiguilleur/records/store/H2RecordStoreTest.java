package org.aiguilleur.records.store;

import java.nio.file.Path;
import org.aiguilleur.testing.TestDatabases;

/** The store contract on H2 (over its TCP server, so the fault test can cut the connection). */
class H2RecordStoreTest extends RecordStoreContract {
    @Override
    TestDatabases.Target target(Path dir) throws Exception {
        return TestDatabases.h2(dir);
    }

    @Override
    String user() {
        return "sa";
    }
}
