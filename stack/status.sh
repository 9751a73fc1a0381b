#!/usr/bin/env bash
# Prints whether each service of the local stack is up, and whether stack/up.sh started it.
#   bash stack/status.sh [kafka] [elasticsearch] [redis]
# Exit status 0 when every listed service answers, 3 otherwise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

read -r -a SERVICES <<<"$(select_services "$@")"
((${#SERVICES[@]} > 0)) || exit 1
status=0
for svc in "${SERVICES[@]}"; do
  owner="not started by stack/up.sh"
  if pid="$(our_pid "$svc")"; then owner="pid $pid, log $(log_file "$svc")"; fi
  if probe "$svc"; then
    printf '%-14s up    %-28s (%s)\n' "$svc" "$(service_address "$svc")" "$owner"
  else
    printf '%-14s down  %-28s (%s)\n' "$svc" "$(service_address "$svc")" "$owner"
    status=3
  fi
done
exit "$status"
