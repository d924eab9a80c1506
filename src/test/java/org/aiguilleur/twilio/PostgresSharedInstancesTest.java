package org.aiguilleur.twilio;

import java.nio.file.Path;
import org.aiguilleur.testing.SharedDatabases;

/** Two instances sharing a PostgreSQL records database (SKIP LOCKED row locks). */
class PostgresSharedInstancesTest extends SharedInstancesContract {
    @Override
    String databaseUrl(Path tmp) throws Exception {
        return SharedDatabases.postgresSchema("shared_instances");
    }
}
