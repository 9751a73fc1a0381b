# Shared settings and helpers of stack/up.sh, stack/down.sh and stack/status.sh.
# Sourced, never run. Everything binds to 127.0.0.1.
#
# Environment (all optional):
#   PULLWATCH_STACK_DIR                    state directory             (default <repo>/.stack)
#   PULLWATCH_STACK_KAFKA_PORT             Kafka broker port           (default 9092)
#   PULLWATCH_STACK_KAFKA_CONTROLLER_PORT  KRaft controller port       (default 9093)
#   PULLWATCH_STACK_ES_PORT                Elasticsearch HTTP port     (default 9200)
#   PULLWATCH_STACK_ES_TRANSPORT_PORT      Elasticsearch transport     (default 9300)
#   PULLWATCH_STACK_REDIS_PORT             Redis port                  (default 6379)
#   PULLWATCH_STACK_REDIS_AOF              1: Redis appendonly yes, appendfsync everysec (default off)
#   PULLWATCH_STACK_JAVA                   java binary (default $JAVA_HOME/bin/java, else java on PATH)
#   PULLWATCH_STACK_M2                     Maven local repository (default: Maven's own, ~/.m2/repository)
#   PULLWATCH_STACK_KAFKA_TIMEOUT / _ES_TIMEOUT / _REDIS_TIMEOUT   readiness timeouts in s (90 / 120 / 10)
#   PULLWATCH_STACK_ES_HEAP                Elasticsearch heap, -Xms and -Xmx (default 1g)
#   PULLWATCH_STACK_KAFKA_HEAP             Kafka maximum heap, -Xmx (default 1g; -Xms256m)

STACK_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$STACK_SRC/.." && pwd)"
STACK_DIR="${PULLWATCH_STACK_DIR:-$REPO_ROOT/.stack}"

KAFKA_PORT="${PULLWATCH_STACK_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${PULLWATCH_STACK_KAFKA_CONTROLLER_PORT:-9093}"
ES_PORT="${PULLWATCH_STACK_ES_PORT:-9200}"
ES_TRANSPORT_PORT="${PULLWATCH_STACK_ES_TRANSPORT_PORT:-9300}"
REDIS_PORT="${PULLWATCH_STACK_REDIS_PORT:-6379}"

ALL_SERVICES=(kafka elasticsearch redis)

if [[ -n "${PULLWATCH_STACK_JAVA:-}" ]]; then
  JAVA="$PULLWATCH_STACK_JAVA"
elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi
JAVAC="$(dirname "$(command -v "$JAVA" 2>/dev/null || echo /nonexistent/java)")/javac"
[[ -x "$JAVAC" ]] || JAVAC="javac"

INSTALL_HINT="apt-get install openjdk-17-jdk-headless maven redis-server"

say() { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] %s\n' "$*" >&2; }
die() {
  printf '[stack] ERROR: %s\n' "$*" >&2
  exit 1
}

now_s() { date +%s.%N | cut -c1-14; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1f s", b - a }'; }

hash_of() {
  if command -v sha256sum >/dev/null 2>&1; then cat "$@" | sha256sum | cut -d' ' -f1; else cat "$@" | shasum -a 256 | cut -d' ' -f1; fi
}

pid_file() { echo "$STACK_DIR/pids/$1.pid"; }
log_file() { echo "$STACK_DIR/logs/$1.log"; }

# A word of the command line that identifies each service's process, so a reused pid is never mistaken for ours.
process_marker() {
  case "$1" in
    kafka) echo "kafka.Kafka" ;;
    elasticsearch) echo "org.elasticsearch.node.EsLauncher" ;;
    redis) echo "redis-server" ;;
  esac
}

service_port() {
  case "$1" in
    kafka) echo "$KAFKA_PORT" ;;
    elasticsearch) echo "$ES_PORT" ;;
    redis) echo "$REDIS_PORT" ;;
  esac
}

service_address() {
  case "$1" in
    kafka) echo "127.0.0.1:$KAFKA_PORT" ;;
    elasticsearch) echo "http://127.0.0.1:$ES_PORT" ;;
    redis) echo "redis://127.0.0.1:$REDIS_PORT" ;;
  esac
}

service_timeout() {
  case "$1" in
    kafka) echo "${PULLWATCH_STACK_KAFKA_TIMEOUT:-90}" ;;
    elasticsearch) echo "${PULLWATCH_STACK_ES_TIMEOUT:-120}" ;;
    redis) echo "${PULLWATCH_STACK_REDIS_TIMEOUT:-10}" ;;
  esac
}

# True while the process exists and is not a zombie waiting to be reaped.
alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z* ]]
}

# Prints the pid recorded for the service when that process is alive and is the one stack/up.sh started.
our_pid() {
  local file pid cmd
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  cmd="$(ps -o args= -p "$pid" 2>/dev/null)" || return 1
  [[ "$cmd" == *"$(process_marker "$1")"* ]] || return 1
  echo "$pid"
}

# Protocol-level readiness check (see stack/probe.mjs). Quiet unless $2 is "verbose".
probe() {
  local kind="$1" verbose="${2:-}"
  if [[ "$verbose" == verbose ]]; then
    node "$STACK_SRC/probe.mjs" "$kind" "$(service_address "$kind")"
  else
    node "$STACK_SRC/probe.mjs" "$kind" "$(service_address "$kind")" 2>/dev/null
  fi
}

port_open() { node "$STACK_SRC/probe.mjs" tcp "127.0.0.1:$1" 2>/dev/null; }

# Selected services from the arguments (default: all), validated.
select_services() {
  if [[ $# -eq 0 ]]; then
    echo "${ALL_SERVICES[@]}"
    return
  fi
  local s out=()
  for s in "$@"; do
    case "$s" in
      kafka | elasticsearch | redis) out+=("$s") ;;
      es) out+=(elasticsearch) ;;
      *) die "unknown service '$s' (known: ${ALL_SERVICES[*]})" ;;
    esac
  done
  echo "${out[@]}"
}

show_log_tail() {
  local log
  log="$(log_file "$1")"
  if [[ -f "$log" ]]; then
    warn "last 30 lines of $log:"
    tail -n 30 "$log" | sed 's/^/    /' >&2
  else
    warn "no log file at $log"
  fi
}

# Waits for a service's process (already sent TERM) to end: up to $3 seconds, then KILL.
# Removes the pid file.
await_exit() {
  local svc="$1" pid="$2" grace="$3" waited=0
  while alive "$pid" && ((waited < grace * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if alive "$pid"; then
    warn "$svc: pid $pid still running after ${grace} s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    waited=0
    while alive "$pid" && ((waited < 100)); do
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  rm -f "$(pid_file "$svc")"
  say "$svc: stopped (pid $pid)"
}

# Stops one service started by stack/up.sh: TERM, wait up to $2 seconds, then KILL.
stop_service() {
  local svc="$1" grace="${2:-60}" pid
  if ! pid="$(our_pid "$svc")"; then
    if [[ -f "$(pid_file "$svc")" ]]; then
      rm -f "$(pid_file "$svc")"
      say "$svc: not running (removed a stale pid file)"
    fi
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  await_exit "$svc" "$pid" "$grace"
}
