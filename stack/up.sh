#!/usr/bin/env bash
# Starts pullwatch's local stack on 127.0.0.1, without Docker:
#   kafka          Apache Kafka (Maven Central), single KRaft broker+controller, port 9092 (controller 9093)
#   elasticsearch  Elasticsearch 8 node (Maven Central, stack/elasticsearch/EsLauncher.java), port 9200
#   redis          Debian's redis-server, port 6379
#
#   bash stack/up.sh [kafka] [elasticsearch] [redis]     (default: all three; npm run stack:up)
#
# A service already answering on its port is left alone. State, logs and pids live under .stack/
# (logs in .stack/logs/<service>.log, pids in .stack/pids/<service>.pid). Java artifacts are
# resolved with Maven from stack/pom.xml once; later starts reuse them (stamp = hash of the pom).
# Ports and timeouts: see stack/lib.sh. Stop with stack/down.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T0="$(now_s)"
read -r -a SERVICES <<<"$(select_services "$@")"
((${#SERVICES[@]} > 0)) || exit 1
mkdir -p "$STACK_DIR/pids" "$STACK_DIR/logs" "$STACK_DIR/lib"
command -v node >/dev/null 2>&1 || die "node is required (Node 20)"

# ---------------------------------------------------------------- what needs starting
TO_START=()
TO_AWAIT=()
for svc in "${SERVICES[@]}"; do
  port="$(service_port "$svc")"
  if pid="$(our_pid "$svc")"; then
    if probe "$svc"; then
      say "$svc: already up (pid $pid, $(service_address "$svc")); leaving it alone"
    else
      say "$svc: started earlier (pid $pid) but not answering yet; waiting for it"
      TO_AWAIT+=("$svc")
    fi
    continue
  fi
  rm -f "$(pid_file "$svc")"
  if probe "$svc"; then
    say "$svc: $(service_address "$svc") already answers (a process not started by stack/up.sh); leaving it alone"
  elif port_open "$port"; then
    die "$svc: port 127.0.0.1:$port is taken by a program that does not answer like $svc; free the port or set PULLWATCH_STACK_$(tr a-z A-Z <<<"${svc/elasticsearch/es}")_PORT"
  else
    TO_START+=("$svc")
  fi
done

wants() {
  local s
  for s in "${TO_START[@]}"; do [[ "$s" == "$1" ]] && return 0; done
  return 1
}

# ---------------------------------------------------------------- prerequisites
if wants kafka || wants elasticsearch; then
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found; install Java 17 ($INSTALL_HINT) or set PULLWATCH_STACK_JAVA / JAVA_HOME"
  java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')"
  [[ "${java_major%%.*}" -ge 17 ]] 2>/dev/null || die "$JAVA is Java $java_major; Kafka 3.9 and Elasticsearch 8.19 here need Java 17 or later ($INSTALL_HINT)"
fi
if wants redis; then
  command -v redis-server >/dev/null 2>&1 || die "redis-server not found; install it ($INSTALL_HINT) or point PULLWATCH_REDIS_URL at a running Redis"
fi

# ---------------------------------------------------------------- Maven artifacts
resolve_libs() {
  local profile="$1" dir="$STACK_DIR/lib/$1" stamp want tmp t
  want="$(hash_of "$STACK_SRC/pom.xml")-$profile"
  stamp="$dir/.stamp"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found and $dir is not resolved yet; install Maven ($INSTALL_HINT)"
  t="$(now_s)"
  say "resolving $profile jars with Maven (stack/pom.xml, profile $profile)..."
  tmp="$STACK_DIR/lib/.$profile.tmp"
  rm -rf "$tmp"
  local args=(-B -q --no-transfer-progress -Dstyle.color=never -f "$STACK_SRC/pom.xml" -P "$profile"
    dependency:copy-dependencies -DincludeScope=runtime "-DoutputDirectory=$tmp")
  [[ -n "${PULLWATCH_STACK_M2:-}" ]] && args+=("-Dmaven.repo.local=$PULLWATCH_STACK_M2")
  if ! mvn "${args[@]}" >"$STACK_DIR/logs/maven-$profile.log" 2>&1; then
    warn "Maven failed; last lines of $STACK_DIR/logs/maven-$profile.log:"
    tail -n 30 "$STACK_DIR/logs/maven-$profile.log" | sed 's/^/    /' >&2
    die "could not resolve the $profile artifacts from Maven Central"
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir"
  echo "$want" >"$stamp"
  say "resolved $profile: $(find "$dir" -name '*.jar' | wc -l | tr -d ' ') jars in $(elapsed "$t")"
}

compile_es_launcher() {
  local out="$STACK_DIR/classes/elasticsearch" want
  want="$(hash_of "$STACK_SRC/elasticsearch/EsLauncher.java" "$STACK_DIR/lib/elasticsearch/.stamp")"
  if [[ -f "$out/.stamp" && "$(cat "$out/.stamp")" == "$want" ]]; then
    return 0
  fi
  command -v "$JAVAC" >/dev/null 2>&1 || die "javac not found; the Elasticsearch launcher is compiled once and needs a JDK ($INSTALL_HINT)"
  rm -rf "$out"
  mkdir -p "$out"
  "$JAVAC" -proc:none -nowarn -encoding UTF-8 -d "$out" -cp "$STACK_DIR/lib/elasticsearch/*" "$STACK_SRC/elasticsearch/EsLauncher.java" ||
    die "compiling stack/elasticsearch/EsLauncher.java failed"
  echo "$want" >"$out/.stamp"
}

if wants kafka; then resolve_libs kafka; fi
if wants elasticsearch; then
  resolve_libs elasticsearch
  compile_es_launcher
fi

# ---------------------------------------------------------------- starting
# Runs the command in its own session (it survives the terminal and Ctrl-C of the caller), output
# to the service's log, and records its pid: the shell writes its own pid, then becomes the command.
launch() {
  local svc="$1" log pidf
  shift
  log="$(log_file "$svc")"
  pidf="$(pid_file "$svc")"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  rm -f "$pidf"
  local detach=(setsid)
  command -v setsid >/dev/null 2>&1 || detach=(nohup)
  "${detach[@]}" bash -c 'echo $$ > "$0"; exec "$@"' "$pidf" "$@" >"$log" 2>&1 </dev/null &
  local waited=0
  while [[ ! -s "$pidf" ]] && ((waited < 50)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  [[ -s "$pidf" ]] || die "$svc: could not record its pid in $pidf"
  say "$svc: starting (pid $(cat "$pidf"), log $log)"
}

start_kafka() {
  local dir="$STACK_DIR/kafka" props
  mkdir -p "$dir/data"
  props="$dir/server.properties"
  sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@LOG_DIR@|$dir/data|g" \
    "$STACK_SRC/kafka/server.properties.in" >"$props"
  local jvm=("$JAVA" -Xms256m "-Xmx${PULLWATCH_STACK_KAFKA_HEAP:-1g}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$STACK_SRC/kafka/log4j.properties" "-Dkafka.logs.dir=$STACK_DIR/logs"
    -cp "$STACK_DIR/lib/kafka/*")
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local cluster_id
    if [[ -s "$dir/cluster.id" ]]; then
      cluster_id="$(cat "$dir/cluster.id")"
    else
      # A Kafka cluster id: 16 random bytes, URL-safe base64 without padding.
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
      echo "$cluster_id" >"$dir/cluster.id"
    fi
    say "kafka: formatting $dir/data (cluster id $cluster_id)"
    "${jvm[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" >"$STACK_DIR/logs/kafka-format.log" 2>&1 || {
      tail -n 30 "$STACK_DIR/logs/kafka-format.log" >&2
      die "kafka: formatting the log directory failed (see $STACK_DIR/logs/kafka-format.log)"
    }
  fi
  launch kafka "${jvm[@]}" kafka.Kafka "$props"
}

start_elasticsearch() {
  local home="$STACK_DIR/elasticsearch"
  mkdir -p "$home/tmp"
  local heap="${PULLWATCH_STACK_ES_HEAP:-1g}"
  launch elasticsearch "$JAVA" "-Xms$heap" "-Xmx$heap" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dfile.encoding=UTF-8 "-Djava.io.tmpdir=$home/tmp" \
    -Dlog4j2.formatMsgNoLookups=true -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
    "-Dpullwatch.es.home=$home" -Dpullwatch.es.host=127.0.0.1 \
    "-Dpullwatch.es.http_port=$ES_PORT" "-Dpullwatch.es.transport_port=$ES_TRANSPORT_PORT" \
    "-Dpullwatch.es.log4j=$STACK_SRC/elasticsearch/log4j2.properties" \
    -cp "$STACK_DIR/classes/elasticsearch:$STACK_DIR/lib/elasticsearch/*" org.elasticsearch.node.EsLauncher
}

start_redis() {
  local dir="$STACK_DIR/redis" persistence=(--save "" --appendonly no)
  mkdir -p "$dir"
  if [[ "${PULLWATCH_STACK_REDIS_AOF:-0}" == 1 ]]; then
    persistence=(--save "" --appendonly yes --appendfsync everysec)
  fi
  launch redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --dir "$dir" \
    "${persistence[@]}" --maxmemory-policy noeviction --daemonize no --logfile ""
}

# Slowest first, so the JVMs warm up while the rest start.
for svc in elasticsearch kafka redis; do
  if wants "$svc"; then
    "start_$svc"
    TO_AWAIT+=("$svc")
  fi
done

# ---------------------------------------------------------------- readiness
FAILED=()
await() {
  local svc="$1" deadline t pid
  t="$(now_s)"
  deadline=$(($(date +%s) + $(service_timeout "$svc")))
  while true; do
    if probe "$svc"; then
      say "$svc: up at $(service_address "$svc") after $(elapsed "$t") of waiting"
      return 0
    fi
    if ! pid="$(our_pid "$svc")"; then
      warn "$svc: the process exited before answering on $(service_address "$svc")"
      show_log_tail "$svc"
      rm -f "$(pid_file "$svc")"
      return 1
    fi
    if (($(date +%s) >= deadline)); then
      warn "$svc: did not come up at $(service_address "$svc") within $(service_timeout "$svc") s (pid $pid); read $(log_file "$svc")"
      probe "$svc" verbose || true
      show_log_tail "$svc"
      stop_service "$svc" 10
      return 1
    fi
    sleep 0.5
  done
}

for svc in redis kafka elasticsearch; do
  for w in "${TO_AWAIT[@]}"; do
    if [[ "$w" == "$svc" ]]; then
      await "$svc" || FAILED+=("$svc")
    fi
  done
done

if ((${#FAILED[@]} > 0)); then
  others=""
  ((${#SERVICES[@]} > ${#FAILED[@]})) && others="; the services that came up stay up (npm run stack:down stops them)"
  die "not up: ${FAILED[*]} (see the log lines above)$others"
fi
summary=()
for svc in "${SERVICES[@]}"; do summary+=("$svc $(service_address "$svc")"); done
say "ready in $(elapsed "$T0"): $(IFS=,; echo "${summary[*]}" | sed 's/,/, /g')"
