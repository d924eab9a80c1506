#!/usr/bin/env bash
# Load test of the Asterisk door: starts `aiguilleur serve` on a free loopback port (a copy of the
# shipped configuration, clock at a Tuesday 10:00 so the centres are open), then holds N concurrent
# simulated calls against it with src/test/java/org/aiguilleur/bench/AgiLoadDriver.java.
#   bench/agi-load.sh [--calls 2000] [--pace 400] [--ramp 10] [--warmup 20] [--duration 60]
# SERVER_JAVA=/path/to/java runs the server on another JDK (e.g. 25, for virtual threads);
# SERVER_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/agi.jfr); SERVER_JAR runs
# another build of the server (e.g. an older commit's, to compare).
# Results: docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r config dialplans prompts "$work/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -i "s/^    port: 4573$/    port: $port/" "$work/config/aiguilleur.yaml"
"${SERVER_JAVA:-java}" ${SERVER_OPTS:-} -jar "${SERVER_JAR:-target/aiguilleur.jar}" serve --config "$work/config" --clock 2026-11-24T10:00 \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "started asterisk-fastagi" "$work/server.log" && break; sleep 0.2; done
grep "started asterisk-fastagi\|FastAGI listening" "$work/server.log" || { cat "$work/server.log"; exit 1; }
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.aiguilleur.bench.AgiLoadDriver --port "$port" --server-pid "$server" "$@"
