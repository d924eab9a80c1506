#!/usr/bin/env bash
# Load on the Twilio webhook path (form parse + signature + engine + TwiML) against a plain Jetty
# "hello" handler, in one run on loopback. Arguments: [connections] [seconds] [warm-up seconds] [rounds],
# default 50 10 5 1 (rounds alternate hello and webhooks). JAVA_OPTS is passed to the JVM (e.g. a JFR recording;
# -Dhello.jettyDefaults=true gives hello Jetty's default connector instead of the door's). Results: docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java ${JAVA_OPTS:-} -Dlogback.configurationFile=bench/logback-quiet.xml \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.aiguilleur.bench.WebhookLoadDriver "$@"
