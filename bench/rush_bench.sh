#!/usr/bin/env bash
# Deadline-rush benchmark: raises the open-files limit for --clients keep-alive sockets on
# both ends (client and server are children of this shell), then runs bench/rush_bench.mjs
# with the same options. See the header of rush_bench.mjs for what it measures.
#
#   bench/rush_bench.sh [--workers 4,8,16] [--clients 2000] [--duration 60] [...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v node >/dev/null || { echo "rush_bench: node is missing" >&2; exit 2; }

clients=2000
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = --clients ] && clients="${args[$((i + 1))]:-$clients}"
done
need_fds=$((2 * clients + 1024))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need_fds" ]; then
  ulimit -n "$need_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$need_fds" ] ||
    echo "rush_bench: warning: open files limited to $(ulimit -n); $need_fds wanted" >&2
fi
exec node "$root/bench/rush_bench.mjs" "$@"
