#!/usr/bin/env bash
# A newcomer's first start and a restart, measured the way the README states them (issue 20, item 4):
# a fresh clone in a fresh directory, `npm ci`, then `npm start` until /api/health, a demo login, the
# built dashboard (/admin/) and the built member app (/app/) all answer; then the server is stopped
# and `npm start` again, with nothing changed, until the same four answer.
#
#   scripts/first-start.sh [repository, default: this checkout] [port, default: 3470]
#
# Prints each step's wall time with the 1-minute load average before and after it, then where the
# first start's time went, as `npm start` itself logs it (the builds, migrations, the demo seed).
set -euo pipefail
src=${1:-$(git -C "$(dirname "$0")" rev-parse --show-toplevel)}
port=${2:-3470}
dir=$(mktemp -d /tmp/first-start.XXXXXX)
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

ready() { # all four answer as a newcomer would see them
  local base=http://127.0.0.1:$port
  curl -sf "$base/api/health" >/dev/null || return 1
  curl -sf -X POST -H 'content-type: application/json' \
    -d '{"username":"tinhuy","password":"SoTay@2025-demo"}' "$base/api/auth/login" | grep -q accessToken || return 1
  # while the dashboard or the app is still building, the server answers a "preparing" page
  curl -sf "$base/admin/" | grep -q '<div id="root"' || return 1
  curl -sf "$base/app/" | grep -q 'manifest.webmanifest' || return 1
}

start_until_ready() { # $1: log file; leaves the server running, its process group in $server
  PORT=$port setsid npm start >"$1" 2>&1 &
  server=$!
  for _ in $(seq 1 6000); do
    if ready; then return 0; fi
    kill -0 "$server" 2>/dev/null || { echo "npm start exited; see $1" >&2; return 1; }
    sleep 0.1
  done
  echo "not ready after 10 minutes; see $1" >&2
  return 1
}

server=""
stop_server() {
  [ -n "$server" ] || return 0
  kill -TERM -- "-$server" 2>/dev/null || true
  while kill -0 "$server" 2>/dev/null; do sleep 0.1; done
  server=""
}
trap 'stop_server 2>/dev/null; true' EXIT

git clone -q "$src" "$dir/repo"
cd "$dir/repo"
echo "fresh clone of $(git rev-parse --short HEAD) in $dir/repo; $(nproc) cores"

l0=$(load) t0=$(now)
npm ci --no-audit --no-fund >"$dir/npm-ci.log" 2>&1
l1=$(load) t1=$(now)
echo "npm ci:        $(secs "$t0" "$t1") s   (load $l0 -> $l1)"

start_until_ready "$dir/start.log"
l2=$(load) t2=$(now)
echo "npm start:     $(secs "$t1" "$t2") s   (load $l1 -> $l2)"
echo "first start:   $(secs "$t0" "$t2") s   (npm ci included)"
stop_server

l3=$(load) t3=$(now)
breakdown=$(sed 's/\x1b\[[0-9;]*m//g' "$dir/start.log" |
  grep -E 'build-stale: .* in [0-9.]+ s|built in|Nest application successfully started|\[Migrations\] applied|demo (province|meetings|app use) seeded|Starting Nest application' |
  sed -E 's/^\[Nest\] [0-9]+ +- +//; s/(\[Migrations\] applied) .*/\1 (the schema)/' | cut -c1-200)
start_until_ready "$dir/restart.log"
l4=$(load) t4=$(now)
echo "restart:       $(secs "$t3" "$t4") s   (load $l3 -> $l4)"
stop_server
echo "first start, as npm start logged it:"
echo "$breakdown" | sed 's/^/  /'
