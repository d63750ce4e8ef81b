#!/usr/bin/env bash
# compare-with-peer.sh: metarec4j's speed benchmark and the PyTorch MeLU peer, side by side.
#
# Runs ROUNDS rounds (default 3); each round runs the peer once (tuned first-order
# configuration, benchmarks/peer/run-melu.sh) and then metarec4j's SpeedBenchmark once
# (the library's default scorer and inner loop, in the peer's task shape: support 10, query
# up to 20, meta-batch 32, 30 epochs), so both see the same machine, interleaved.
# Then prints the medians over rounds and the ratios, and writes them to
# benchmark-results/compare/summary.json.
#
#   benchmarks/compare-with-peer.sh [--rounds N] [--peer-threads N] [--quick]
#
# Takes about 5 minutes a round on the 2-core development machine (most of it the
# 100,000-call memory check of SpeedBenchmark). The peer needs Debian's python3-torch;
# run-melu.sh installs it on first use (apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3
peer_threads=2
quick=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --peer-threads) peer_threads="$2"; shift 2 ;;
    --quick) quick="--quick"; shift ;;
    *) echo "usage: $0 [--rounds N] [--peer-threads N] [--quick]" >&2; exit 2 ;;
  esac
done

out=benchmark-results/compare
rm -rf "$out"
mkdir -p "$out"
mvn -q test-compile

for r in $(seq 1 "$rounds"); do
  echo "== round $r/$rounds: peer (MeLU, PyTorch, $peer_threads threads)"
  benchmarks/peer/run-melu.sh --config tuned --threads "$peer_threads" --runs 1 --seed "$((r - 1))" \
      --no-baselines --max-wait 300 "$out/peer-$r"
  echo "== round $r/$rounds: metarec4j"
  mvn -q exec:exec@speed -Dspeed.args="--out $out/ours-$r $quick"
done

/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ours = [json.load(open(f"{out}/ours-{r}/speed.json")) for r in range(1, rounds + 1)]
peer = [json.load(open(f"{out}/peer-{r}/summary.json"))["metrics"] for r in range(1, rounds + 1)]
def med(xs): return statistics.median(xs)
def p(key): return med([m[key]["median"] for m in peer])
rows = [
    ("meta-training tasks/s (all cores; ours: the default scorer)", med([o["training"]["tasksPerSecond"] for o in ours]), p("train_tasks_per_s"), True),
    ("adapt median ms", med([o["serving"]["adaptMedianMs"] for o in ours]), p("adapt_ms_median"), False),
    ("adapt p99 ms", med([o["serving"]["adaptP99Ms"] for o in ours]), p("adapt_ms_p99"), False),
    ("top-10 median ms (ours: 1,682 items; peer: its candidates)", med([o["serving"]["top10MedianMs"] for o in ours]), p("top10_ms_median"), False),
    ("top-10 p99 ms", med([o["serving"]["top10P99Ms"] for o in ours]), p("top10_ms_p99"), False),
]
summary = {"rounds": rounds, "rows": []}
print(f"\n{'figure (median of ' + str(rounds) + ' rounds)':<62}{'metarec4j':>12}{'peer':>12}{'ratio':>10}")
for name, o, q, higher in rows:
    ratio = o / q if higher else q / o
    print(f"{name:<62}{o:>12.3f}{q:>12.3f}{ratio:>9.2f}x")
    summary["rows"].append({"figure": name, "metarec4j": o, "peer": q, "speedup": ratio})
rss = [o["memory"]["rssMiBEvery10000Calls"] for o in ours]
print("resident set size over the memory check (MiB), per round:", rss)
heap = [o["memory"].get("heapCommittedMiBEvery10000Calls") for o in ours]
off = [o["memory"].get("outsideHeapMiBEvery10000Calls") for o in ours]
print("  of which Java heap committed (MiB), per round:", heap)
print("  outside the heap (off-heap and native, MiB), per round:", off)
thr = [o["throughputCallsPerSecond"] for o in ours]
print("serving throughput (calls/s) 1 and 2 threads, per round:", [(t["1_threads"], t["2_threads"]) for t in thr])
mae = [o["training"]["newUserK10Mae"] for o in ours]
print("new-user K=10 MAE of the model trained, per round:", mae)
summary["newUserK10Mae"] = mae
summary["rss"] = rss
summary["heapCommitted"] = heap
summary["outsideHeap"] = off
summary["throughput"] = thr
json.dump(summary, open(f"{out}/summary.json", "w"), indent=1)
PY
