#!/usr/bin/env bash
# Load driver: decision -> interpreter joined on Asterisk, over AMI to the fake Asterisk Manager.
#   bench/interpreter-ami.sh [calls]      (default 300, after 100 warm-up calls)
# Results: docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.aiguilleur.bench.AmiInterpreterLatency "$@"
