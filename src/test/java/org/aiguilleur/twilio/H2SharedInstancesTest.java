package org.aiguilleur.twilio;

import java.nio.file.Path;
import org.aiguilleur.testing.SharedDatabases;

/** Two instances sharing an H2 records database (the store's coarse lock). */
class H2SharedInstancesTest extends SharedInstancesContract {
    @Override
    String databaseUrl(Path tmp) {
        return SharedDatabases.h2Url();
    }
}
