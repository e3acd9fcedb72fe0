#!/usr/bin/env bash
# Web benchmark: kczg serve against nginx serving a static page, with wrk, on loopback.
#
#   bench/web_bench.sh [--duration S] [--rounds N] [--long-duration S] [--warmup S]
#                      [--workers N] [--io-threads N] [--connections N] [--many N] [--threads N]
#                      [--nginx-workers N|auto] [--logs DIR]
#
# Expects build/kczg (or KCZG_BINARY), wrk, nginx (nginx-light) and curl; builds nothing.
# In a temp dir it loads the demo campaign, starts `kczg serve` and nginx on free loopback
# ports, and measures with wrk (a short warm-up precedes each measured run):
#   a. nginx, a static 12,288-byte HTML page, 50 connections
#   b. kczg public home page /, 50 connections              goal: b/a >= 70%
#      (a and b alternate in --rounds rounds that share --duration, so that other load on
#      the machine hits both alike; the goal is checked on the median round's ratio)
#   c. kczg /dashboard signed in as applicant@demo.kczg.cn,
#      50 connections                                       goal: >= 10,000 req/s
#   d. kczg /, 2,000 connections, --latency, 30 s           goal: 0 socket errors, p99 < 500 ms
#      (wrk --timeout 2s: a request unanswered in 2 s is a timeout, a socket error)
# Every run must also answer only 2xx/3xx. Prints a summary with pass/fail per goal and
# the machine; exits 0 when every goal is met, 1 when one is missed, 2 on a set-up error.
# Everything it starts is stopped on exit; the temp dir is removed (--logs DIR keeps the
# wrk outputs and server logs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kczg="${KCZG_BINARY:-$root/build/kczg}"
duration=15       # seconds, runs a-c
rounds=3          # a and b alternate in this many rounds of duration/rounds seconds
long_duration=30  # seconds, run d
warmup=2          # seconds before each measured run
workers=4         # kczg serve --workers
io_threads=1      # kczg serve --io-threads
connections=50
many=2000
threads=2
nginx_workers=auto
logs=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --long-duration) long_duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --io-threads) io_threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --many) many="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --nginx-workers) nginx_workers="$2"; shift 2 ;;
    --logs) logs="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "web_bench: unknown option $1" >&2; usage ;;
  esac
done
for n in "$duration" "$rounds" "$long_duration" "$warmup" "$workers" "$io_threads" "$connections" "$many" "$threads"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "web_bench: not a number: $n" >&2; exit 2; }
done

die() { echo "web_bench: $*" >&2; exit 2; }
[ -x "$kczg" ] || die "no kczg binary at $kczg (build it: ninja -C build kczg)"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || die "$tool is missing (scripts/setup installs it)"
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# 2,000 client sockets plus as many server sockets, in this shell's children.
need_fds=$((2 * many + 1024))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need_fds" ]; then
  ulimit -n "$need_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$need_fds" ] ||
    echo "web_bench: warning: open files limited to $(ulimit -n); $need_fds wanted" >&2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kczg-web-bench.XXXXXX")"
chmod 755 "$tmp"  # nginx workers run as nobody when started by root
kczg_pid=""
nginx_pid=""
wrk_pid=""
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP PIPE
  [ -z "$wrk_pid" ] || kill -TERM "$wrk_pid" 2>/dev/null || true
  for pid in $kczg_pid $nginx_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $kczg_pid $nginx_pid; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$logs" ]; then
    mkdir -p "$logs"
    cp "$tmp"/*.txt "$tmp"/*.log "$tmp/nginx.conf" "$logs"/ 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

# A loopback port nobody listens on (nginx is then asked to bind it; retried if taken).
free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 30000))
    (: <"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port found"
}

wait_for_url() {  # url, seconds
  for _ in $(seq $(($2 * 10))); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  return 1
}

# --- kczg -----------------------------------------------------------------------------
"$kczg" demo load --db "sqlite:$tmp/kczg.db" --units "$root/demo/units.csv" >"$tmp/demo-load.log" 2>&1 ||
  { cat "$tmp/demo-load.log" >&2; die "kczg demo load failed"; }
: >"$tmp/kczg-stdout.log"  # exists before the background child opens it
"$kczg" serve --db "sqlite:$tmp/kczg.db" --listen 127.0.0.1:0 --static "$root/static" --quiet \
  --workers "$workers" --io-threads "$io_threads" >"$tmp/kczg-stdout.log" 2>"$tmp/kczg-stderr.log" &
kczg_pid=$!
kczg_url=""
for _ in $(seq 100); do
  kczg_url="$(sed -n 's/.*listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$tmp/kczg-stdout.log")"
  [ -n "$kczg_url" ] && break
  kill -0 "$kczg_pid" 2>/dev/null || { cat "$tmp/kczg-stderr.log" >&2; die "kczg serve exited"; }
  sleep 0.1
done
[ -n "$kczg_url" ] || die "kczg serve printed no address"

# --- nginx ----------------------------------------------------------------------------
mkdir -p "$tmp/www" "$tmp/nginx-tmp"
# Exactly 12,288 bytes: whole lines of text, padded with spaces before the closing tags.
page="$tmp/www/index.html"
printf '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>12 KB</title></head>\n<body>\n' >"$page"
tail_html=$'</body></html>\n'
for i in $(seq 999); do
  line="$(printf '<p>Line %03d: the 科创中国 lists campaign platform serves its pages quickly.</p>' "$i")"$'\n'
  size=$(($(stat -c %s "$page") + $(printf '%s' "$line" | wc -c) + ${#tail_html}))
  [ "$size" -le 12288 ] || break
  printf '%s' "$line" >>"$page"
done
printf '%*s%s' $((12288 - $(stat -c %s "$page") - ${#tail_html})) '' "$tail_html" >>"$page"
page_bytes="$(stat -c %s "$tmp/www/index.html")"
[ "$page_bytes" -eq 12288 ] || die "static page is $page_bytes bytes, not 12288"
chmod -R a+rX "$tmp/www"

for attempt in 1 2 3 4 5; do
  nginx_port="$(free_port)"
  sed -e "s|@DIR@|$tmp|g" -e "s|@PORT@|$nginx_port|g" -e "s|@WORKERS@|$nginx_workers|g" \
    "$root/bench/nginx.conf.in" >"$tmp/nginx.conf"
  "$nginx_bin" -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" 2>>"$tmp/nginx-stderr.log" &
  nginx_pid=$!
  if wait_for_url "http://127.0.0.1:$nginx_port/" 5; then break; fi
  kill -TERM "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
  [ "$attempt" -lt 5 ] || { cat "$tmp/nginx-error.log" "$tmp/nginx-stderr.log" >&2; die "nginx did not start"; }
done
nginx_url="http://127.0.0.1:$nginx_port/"

# --- signed-in session ------------------------------------------------------------------
curl -fs -o /dev/null -c "$tmp/cookies.txt" \
  --data-urlencode "login=applicant@demo.kczg.cn" --data-urlencode "password=kczg-demo-2023" \
  --data-urlencode "next=/dashboard" "$kczg_url/sign-in" || die "sign-in failed"
session="$(awk '$6 == "kczg_session" { print $7 }' "$tmp/cookies.txt")"
[ -n "$session" ] || die "sign-in set no kczg_session cookie"
cookie="Cookie: kczg_session=$session"

# Every target answers 200 with the expected page before anything is measured.
check() {  # url, grep pattern, extra curl args...
  local url="$1" pattern="$2"; shift 2
  local status
  status="$(curl -s -o "$tmp/check.html" -w '%{http_code}' "$@" "$url")"
  [ "$status" = 200 ] || die "$url answered $status"
  grep -q "$pattern" "$tmp/check.html" || die "$url: no $pattern in the page"
  stat -c %s "$tmp/check.html"
}
nginx_bytes="$(check "$nginx_url" 'Line 001')"
home_bytes="$(check "$kczg_url/" '<html lang=')"
dashboard_bytes="$(check "$kczg_url/dashboard" 'data-role="applicant"' -H "$cookie")"

# --- wrk ------------------------------------------------------------------------------
# run NAME CONNECTIONS SECONDS URL [wrk args...]: warm-up, then the measured run into NAME.txt.
run() {
  local name="$1" c="$2" d="$3" url="$4"; shift 4
  local t=$threads
  [ "$t" -le "$c" ] || t="$c"
  # wrk runs in the background and is waited for, so that a signal stops the script at once.
  if [ "$warmup" -gt 0 ] && [ -z "${no_warmup:-}" ]; then
    timeout $((warmup + 30)) wrk -t"$t" -c"$c" -d"${warmup}s" "$@" "$url" >/dev/null 2>&1 &
    wrk_pid=$!
    wait "$wrk_pid" || true
  fi
  echo "  $name: wrk -t$t -c$c -d${d}s --timeout 2s --latency ${*:+(header) }$url" >&2
  timeout $((d + 60)) wrk -t"$t" -c"$c" -d"${d}s" --timeout 2s --latency "$@" "$url" >"$tmp/$name.txt" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || { cat "$tmp/$name.txt" >&2; die "wrk failed ($name)"; }
  wrk_pid=""
}
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$tmp/$1.txt"; }
# Socket errors (connect+read+write+timeout) and non-2xx/3xx answers; 0 when wrk prints none.
socket_errors() {
  awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10; found = 1 } END { if (!found) print 0 }' "$tmp/$1.txt"
}
non2xx() { awk '/Non-2xx or 3xx responses:/ { print $4; found = 1 } END { if (!found) print 0 }' "$tmp/$1.txt"; }
# A latency-distribution percentile ("50%", "99%") in milliseconds.
percentile_ms() {
  awk -v p="$2" '
    /Latency Distribution/ { in_dist = 1; next }
    in_dist && $1 == p {
      v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
      if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; else if (unit == "m") v *= 60000
      printf "%.1f", v; exit
    }' "$tmp/$1.txt"
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "web_bench: kczg $kczg_url (workers $workers), nginx $nginx_url (worker_processes $nginx_workers)" >&2
[ "$rounds" -ge 1 ] || rounds=1
round_seconds=$((duration / rounds))
[ "$round_seconds" -ge 2 ] || round_seconds=2
for r in $(seq "$rounds"); do
  no_warmup=""
  [ "$r" = 1 ] || no_warmup=1
  run "nginx-$r" "$connections" "$round_seconds" "$nginx_url"
  run "home-$r" "$connections" "$round_seconds" "$kczg_url/"
done
no_warmup=""
run dashboard "$connections" "$duration" "$kczg_url/dashboard" -H "$cookie"
run many "$many" "$long_duration" "$kczg_url/"

# --- summary --------------------------------------------------------------------------
mean() { awk '{ s += $1; n++ } END { printf "%.0f", n ? s / n : 0 }'; }
nginx_rps="$(for r in $(seq "$rounds"); do rps "nginx-$r"; echo; done | mean)"
home_rps="$(for r in $(seq "$rounds"); do rps "home-$r"; echo; done | mean)"
dashboard_rps="$(rps dashboard)"; many_rps="$(rps many)"
round_ratios="$(for r in $(seq "$rounds"); do
  awk -v b="$(rps "home-$r")" -v a="$(rps "nginx-$r")" 'BEGIN { printf "%.1f\n", (a > 0) ? 100 * b / a : 0 }'
done | sort -n)"
ratio="$(echo "$round_ratios" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
ratio_range="$(echo "$round_ratios" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi "%" }')"
many_errors="$(socket_errors many)"
many_p50="$(percentile_ms many 50%)"; many_p99="$(percentile_ms many 99%)"
# wrk leaves timed-out requests (no answer within --timeout 2s) out of its latency
# distribution; when they are more than 1% of all requests, the true p99 is >= 2 s.
many_requests="$(awk '/requests in/ { print $1 }' "$tmp/many.txt")"
many_timeouts="$(awk '/Socket errors:/ { gsub(",", ""); print $10; found = 1 } END { if (!found) print 0 }' "$tmp/many.txt")"
if awk -v t="$many_timeouts" -v n="$many_requests" 'BEGIN { exit !(t > 0.01 * (n + t)) }'; then
  many_p99=">=2000"
fi
failed=0
ge() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x >= y) }'; }
lt() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x < y) }'; }
v_ratio=pass; ge "$ratio" 70 || { v_ratio=FAIL; failed=1; }
v_dashboard=pass; ge "$dashboard_rps" 10000 || { v_dashboard=FAIL; failed=1; }
v_errors=pass; [ "$many_errors" -eq 0 ] || { v_errors=FAIL; failed=1; }
v_p99=pass; { [[ "$many_p99" =~ ^[0-9.]+$ ]] && lt "$many_p99" 500; } || { v_p99=FAIL; failed=1; }
bad_answers=""
for name in $(for r in $(seq "$rounds"); do echo "nginx-$r home-$r"; done) dashboard many; do
  n="$(non2xx "$name")"; e="$(socket_errors "$name")"
  [ "$n" -eq 0 ] || { bad_answers+=" $name:$n-non-2xx"; failed=1; }
  [ "$name" = many ] || [ "$e" -eq 0 ] || { bad_answers+=" $name:$e-socket-errors"; failed=1; }
done

cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo
echo "kczg web benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every number)"
echo "kczg serve --workers $workers; nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') worker_processes $nginx_workers; $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }') -t$threads"
echo "bodies: nginx $nginx_bytes B, kczg / $home_bytes B, /dashboard $dashboard_bytes B"
echo
printf '%-44s %12s %12s %-6s\n' "run" "req/s" "goal" "result"
printf '%-44s %12s %12s %-6s\n' "a. nginx static 12 KB, $connections conn, ${rounds}x${round_seconds}s" "$nginx_rps" "" ""
printf '%-44s %12s %12s %-6s\n' "b. kczg /, $connections conn, ${rounds}x${round_seconds}s" "$home_rps" "" ""
printf '%-44s %11s%% %12s %-6s\n' "   b / a, median round (rounds: $ratio_range)" "$ratio" ">= 70%" "$v_ratio"
printf '%-44s %12s %12s %-6s\n' "c. kczg /dashboard signed in, $connections conn" "$dashboard_rps" ">= 10000" "$v_dashboard"
printf '%-44s %12s %12s %-6s\n' "d. kczg /, $many conn, ${long_duration}s" "$many_rps" "" ""
printf '%-44s %12s %12s %-6s\n' "   socket errors" "$many_errors" "0" "$v_errors"
printf '%-44s %12s %12s %-6s\n' "   latency p50 / p99 (ms)" "$many_p50 / $many_p99" "p99 < 500" "$v_p99"
grep -h 'Socket errors' "$tmp/many.txt" | sed 's/^ */   wrk: /' || true
if [ -n "$bad_answers" ]; then echo "unexpected answers:$bad_answers"; fi
echo
if [ "$failed" = 0 ]; then echo "all goals met"; else echo "goal missed"; fi
exit "$failed"
