#!/usr/bin/env bash
# PostgreSQL for the records store tests (RecordStore contract on a real server).
# Installs Debian's postgresql if missing, starts a private cluster owned by the postgres user on
# loopback port 55432 (data in /var/tmp/aiguilleur-pg), creates the test database and user, and
# exports AIGUILLEUR_TEST_PG_URL for the tests. Idempotent; quick when already running.
# Sourced by .ci/run: no `set -e` or `exit` here that would end the caller.

aiguilleur_pg_setup() {
  local port=55432 dir=/var/tmp/aiguilleur-pg db=aiguilleur_test user=aiguilleur_test pass=aiguilleur_test
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "20-postgresql: installing postgresql"
    if ! apt-get install -y -q postgresql >/dev/null 2>&1; then
      apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null || return 1
    fi
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  local as_pg=(runuser -u postgres --)
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    if [ ! -s "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir" && chown postgres: "$dir"
      "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null || return 1
    fi
    # A server killed with the machine's last session leaves its pid and socket lock files behind.
    local pid
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)
    # (a killed server may linger as a zombie until reaped: that counts as gone too)
    if [ -n "$pid" ] && ! ps -p "$pid" -o stat= 2>/dev/null | grep -qv Z; then
      rm -f "$dir/data/postmaster.pid" "$dir/.s.PGSQL.$port.lock"
    fi
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null || return 1
  fi
  local psql=("${as_pg[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc)
  if [ "$("${psql[@]}" "SELECT 1 FROM pg_roles WHERE rolname='$user'")" != "1" ]; then
    "${psql[@]}" "CREATE ROLE $user LOGIN PASSWORD '$pass'" || return 1
  fi
  if [ "$("${psql[@]}" "SELECT 1 FROM pg_database WHERE datname='$db'")" != "1" ]; then
    "${psql[@]}" "CREATE DATABASE $db OWNER $user" || return 1
  fi
  export AIGUILLEUR_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/$db?user=$user&password=$pass"
  echo "20-postgresql: PostgreSQL on 127.0.0.1:$port (database $db)"
}
aiguilleur_pg_setup || echo "20-postgresql: could not start PostgreSQL; the records PostgreSQL tests will fail under CI" >&2
