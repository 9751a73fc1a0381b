#!/usr/bin/env bash
# Stops the services that stack/up.sh started, by the pids it recorded in .stack/pids/:
# TERM, wait, then KILL; removes the pid files. Never looks processes up by name, and leaves
# alone any service that stack/up.sh did not start.
#
#   bash stack/down.sh [kafka] [elasticsearch] [redis]      (default: all; npm run stack:down)
#   bash stack/down.sh --purge                              also deletes the data under .stack/
#                                                           (Kafka log dir, Elasticsearch data, Redis dir)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PURGE=0
ARGS=()
for a in "$@"; do
  if [[ "$a" == --purge ]]; then PURGE=1; else ARGS+=("$a"); fi
done
read -r -a SERVICES <<<"$(select_services "${ARGS[@]}")"
((${#SERVICES[@]} > 0)) || exit 1

grace() {
  case "$1" in
    redis) echo 10 ;;
    *) echo 60 ;;
  esac
}

# TERM them all first so the JVMs shut down in parallel, then wait for each.
STOPPING=()
for svc in "${SERVICES[@]}"; do
  if pid="$(our_pid "$svc")"; then
    kill -TERM "$pid" 2>/dev/null || true
    STOPPING+=("$svc:$pid")
  elif [[ -f "$(pid_file "$svc")" ]]; then
    rm -f "$(pid_file "$svc")"
    say "$svc: not running (removed a stale pid file)"
  else
    say "$svc: not started by stack/up.sh; nothing to stop"
  fi
done
for entry in "${STOPPING[@]}"; do
  await_exit "${entry%%:*}" "${entry##*:}" "$(grace "${entry%%:*}")"
done

if ((PURGE)); then
  for svc in "${SERVICES[@]}"; do
    if our_pid "$svc" >/dev/null; then
      warn "$svc: still running; its data is kept"
      continue
    fi
    case "$svc" in
      kafka) rm -rf "$STACK_DIR/kafka" ;;
      elasticsearch) rm -rf "$STACK_DIR/elasticsearch" ;;
      redis) rm -rf "$STACK_DIR/redis" ;;
    esac
    say "$svc: data deleted"
  done
fi
