#!/usr/bin/env bash
# Runs the JMH benchmarks (engine journeys, prompt lookups; more as they are added). Arguments go to JMH, e.g.
#   bench/jmh.sh JourneyBenchmark -f 1 -wi 3 -i 5
# Results: docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main "${@:-JourneyBenchmark}"
