#!/usr/bin/env bash
# Records load driver: door threads put calls in flight through the recorder (journal + batches)
# into a real database, and it prints events and call records stored per second and emit() times.
#   bench/records.sh                  # embedded H2 file, 8 door threads x 5000 calls
#   bench/records.sh "$AIGUILLEUR_TEST_PG_URL" 8 5000   # PostgreSQL (source .ci/setup.d/20-postgresql.sh)
# Results: docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Duser.timezone=UTC -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.aiguilleur.bench.RecordsLoad "$@"
