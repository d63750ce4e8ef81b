#!/usr/bin/env bash
# Makes docs/demo.png: the HTTP example's demo page after a new visitor has rated five films,
# on MovieLens-100k. Starts the server (exec:java@serve, which trains for 10 epochs first: about
# half a minute), opens http://127.0.0.1:<port>/?visitor=screenshot&autorate=5,4,5,2,4 in
# headless Chromium (from .ci/chromium.sh), which rates the five most popular films with those
# ratings one after another, and saves what the page then shows. Run from anywhere:
#   examples/scripts/demo-screenshot.sh [MovieLens-100k folder, default ../shared/data/ml-100k]
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-../shared/data/ml-100k}
[ -d "$data" ] || { echo "no MovieLens-100k at $data: give its folder as the argument" >&2; exit 1; }
chromium=$(.ci/chromium.sh)

log=$(mktemp)
mvn -o -q test-compile
mvn -o -q exec:java@serve -Dserve.args="--data $data --port 0" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
url=
for _ in $(seq 600); do
  url=$(sed -n 's|.* on \(http://[0-9.]*:[0-9]*/\) .*|\1|p' "$log")
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
[ -n "$url" ] || { echo "the server did not start in 10 minutes" >&2; exit 1; }
echo "server up at $url; taking the screenshot"
profile=$(mktemp -d)
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size=1280,1080 --virtual-time-budget=60000 --screenshot="$PWD/docs/demo.png" \
  "${url}?visitor=screenshot&autorate=5,4,5,2,4" 2>/dev/null
rm -rf "$profile"
ls -l docs/demo.png
