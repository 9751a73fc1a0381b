#!/usr/bin/env bash
# pullwatch's test command (`npm test`): builds what is stale, makes sure Kafka, Elasticsearch
# and Redis answer, runs the whole vitest suite (unit, integration, embedded and browser projects), and stops
# whatever it started. Extra arguments go to vitest (`npm test -- test/unit/core`).
#
# Services are the ones named by configuration:
#   PULLWATCH_KAFKA_BROKERS (default 127.0.0.1:9092), PULLWATCH_ES_URL (default
#   http://127.0.0.1:9200), PULLWATCH_REDIS_URL (default redis://127.0.0.1:6379).
# Each one that answers is used as it is. Each one that does not, and points at this machine,
# is started with the local stack (stack/up.sh, on that port) and stopped again on exit.
# One that points elsewhere and does not answer is an error.
#
# PULLWATCH_TEST_SKIP_BUILD=1 skips the build step (the tests themselves run from sources).
#
# Exit status: vitest's, or 1 when the build or the set-up failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

export PULLWATCH_KAFKA_BROKERS="${PULLWATCH_KAFKA_BROKERS:-127.0.0.1:9092}"
export PULLWATCH_ES_URL="${PULLWATCH_ES_URL:-http://127.0.0.1:9200}"
export PULLWATCH_REDIS_URL="${PULLWATCH_REDIS_URL:-redis://127.0.0.1:6379}"

INSTALL_HINT="apt-get install openjdk-17-jdk-headless maven redis-server"
say() { printf '[test] %s\n' "$*"; }
fail() {
  printf '[test] ERROR: %s\n' "$*" >&2
  exit 1
}
now_s() { date +%s.%N | cut -c1-14; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1f s", b - a }'; }

command -v node >/dev/null 2>&1 || fail "node not found; install Node 20"
[[ -d node_modules ]] || fail "node_modules is missing; run npm ci first"

# ------------------------------------------------------------------ build
# tsc -b is incremental: it rebuilds only the projects whose dist/ is stale.
if [[ "${PULLWATCH_TEST_SKIP_BUILD:-0}" != 1 ]]; then
  t="$(now_s)"
  npx tsc -b || fail "the build (npx tsc -b) failed"
  npx tsc -p test || fail "the tests do not type-check (npx tsc -p test)"
  say "build up to date ($(elapsed "$t"))"
fi

# ------------------------------------------------------------------ services
probe() { node stack/probe.mjs "$1" "$2" 2>/dev/null; }

# Prints the port when the address is on this machine (127.0.0.1, localhost, ::1), else fails.
local_port() {
  local address="$1" default_port="$2" hostport host port
  hostport="${address#*://}"
  hostport="${hostport#*@}"
  hostport="${hostport%%/*}"
  host="${hostport%:*}"
  port="${hostport##*:}"
  [[ "$hostport" == *:* ]] || {
    host="$hostport"
    port="$default_port"
  }
  case "$host" in
    127.0.0.1 | localhost | '[::1]') [[ "$port" =~ ^[0-9]+$ ]] && echo "$port" ;;
    *) return 1 ;;
  esac
}

MISSING=()
STACK_ENV=()
check_service() {
  local svc="$1" kind="$2" value="$3" variable="$4" default_port="$5" stack_variable="$6" port
  if probe "$kind" "$value"; then
    say "$svc: using $value"
    return
  fi
  if [[ "$kind" == kafka && "$value" == *,* ]]; then
    fail "$svc not reachable at $value ($variable lists several brokers, so the local stack cannot stand in); start it or unset $variable"
  fi
  if [[ "$kind" == redis && "$value" == *@* ]]; then
    fail "$svc not reachable at $value ($variable carries credentials, so the local stack cannot stand in); start it or unset $variable"
  fi
  if ! port="$(local_port "$value" "$default_port")"; then
    fail "$svc not reachable at $value (set by $variable); start it, or unset $variable to use the local stack"
  fi
  MISSING+=("$kind")
  STACK_ENV+=("$stack_variable=$port")
}
check_service Kafka kafka "$PULLWATCH_KAFKA_BROKERS" PULLWATCH_KAFKA_BROKERS 9092 PULLWATCH_STACK_KAFKA_PORT
check_service Elasticsearch elasticsearch "$PULLWATCH_ES_URL" PULLWATCH_ES_URL 9200 PULLWATCH_STACK_ES_PORT
check_service Redis redis "$PULLWATCH_REDIS_URL" PULLWATCH_REDIS_URL 6379 PULLWATCH_STACK_REDIS_PORT

STARTED=()
stop_started() {
  if ((${#STARTED[@]} > 0)); then
    say "stopping what this run started: ${STARTED[*]}"
    env "${STACK_ENV[@]}" bash stack/down.sh "${STARTED[@]}" || true
  fi
}
trap stop_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ((${#MISSING[@]} > 0)); then
  needs_java=0
  for svc in "${MISSING[@]}"; do [[ "$svc" == kafka || "$svc" == elasticsearch ]] && needs_java=1; done
  if ((needs_java)); then
    command -v java >/dev/null 2>&1 || [[ -n "${PULLWATCH_STACK_JAVA:-}${JAVA_HOME:-}" ]] ||
      fail "java not found, needed to start ${MISSING[*]} locally; install Java 17 and Maven ($INSTALL_HINT), or set PULLWATCH_KAFKA_BROKERS / PULLWATCH_ES_URL to running services"
    resolved=1
    for svc in "${MISSING[@]}"; do
      [[ "$svc" == redis || -f ".stack/lib/$svc/.stamp" ]] || resolved=0
    done
    ((resolved)) || command -v mvn >/dev/null 2>&1 ||
      fail "mvn not found, needed once to fetch Kafka/Elasticsearch from Maven Central; install Maven ($INSTALL_HINT), or set PULLWATCH_KAFKA_BROKERS / PULLWATCH_ES_URL to running services"
  fi
  for svc in "${MISSING[@]}"; do
    if [[ "$svc" == redis ]]; then
      command -v redis-server >/dev/null 2>&1 ||
        fail "redis-server not found, needed to start Redis locally; install it ($INSTALL_HINT), or set PULLWATCH_REDIS_URL to a running Redis"
    fi
  done

  # Services with a live pid file were started by someone else's stack/up.sh: not ours to stop.
  for svc in "${MISSING[@]}"; do
    pid_file=".stack/pids/$svc.pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then continue; fi
    STARTED+=("$svc")
  done
  t="$(now_s)"
  say "starting the local stack for: ${MISSING[*]}"
  env "${STACK_ENV[@]}" bash stack/up.sh "${MISSING[@]}" || fail "the local stack did not come up (see above)"
  say "local stack up ($(elapsed "$t"))"
fi

# ------------------------------------------------------------------ tests
t="$(now_s)"
set +e
mkdir -p test-results && rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
status=$?
set -e
say "vitest finished with status $status ($(elapsed "$t"))"
# A plain summary line for CI: "N passed, N failed".
if [[ -f test-results/vitest.json ]]; then
  node -e 'const r=JSON.parse(require("fs").readFileSync("test-results/vitest.json","utf8"));console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)'
fi
exit "$status"
