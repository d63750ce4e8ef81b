#!/usr/bin/env bash
# run-melu.sh: run the PyTorch MeLU peer (../shared/peers/melu_torch) on CS100K and
# summarise its speed (and new-user K=10 MAE) for the side-by-side comparison with
# metarec4j (issue 4).
#
# What it runs
#   The peer's melu_cs100k.py with Debian's torch 1.13 (/usr/bin/python3), first-order
#   MAML, one process per run, seeds SEED, SEED+1, ... Two configurations:
#     tuned     run_final.sh's TUNED line + --first-order ("MeLU-tuned first-order"):
#               --epochs 30 --global-lr 5e-4 --local-lr 1e-2 --local-steps 5
#               --batch-size 32 --support 10 --query-max 20 --init-bias-mean train
#               (embedding 32 and dense 64-64 are the script defaults, passed
#               explicitly). 22,650 training tasks.
#     tuned-id  run_final_id.sh's BEST line ("MeLU+ID, dropout 0.5"): the same with
#               --global-lr 2e-4 --epochs 100 --item-id-emb --id-dropout 0.5.
#               75,500 training tasks. metarec4j also embeds item IDs, so this is the
#               fair accuracy comparison.
#   The peer directory is read-only and the peer writes next to itself, so its .py
#   files are copied into a temporary directory (removed on exit) and run there, with
#   --data pointing at the shared MovieLens-100k folder (nothing is copied from it).
#   Scoring uses the peer's default, protocol v2 (the README's tuned/no-ID section was
#   scored under v1; that changes ranking ties only, not MAE or any timing).
#
# How long (measured on the 2-core development VM): tuned 32-51 s per run (17-32 s of
# meta-training), tuned-id about 140 s per run (115 s of meta-training), plus any wait
# for the load to settle (--max-load: on a shared machine, 1-10 min before a run is
# common; a run's own load keeps the 1-minute average near 1 for a minute after it).
# The first use may also install the Debian packages (about 2 min, ~200 MB download).
# Note: with --threads 2 the peer uses about one core on average (its README says the
# same: 2 threads are not faster than 1 at these sizes).
#
# Where results go
#   OUT_DIR (default: <repo>/benchmark-results/peer/<config>-t<threads>/, git-ignored):
#     melu-<config>-t<threads>-s<seed>.json  the peer's own result JSON of each run
#     melu-<config>-t<threads>-s<seed>.log   its console output
#     summary.json                           median / min / max over this invocation's
#                                            runs, per-run figures, the environment and
#                                            the peer README's published figures
#     summary.txt                            the printed summary
#   Only the runs of this invocation are summarised (older files in OUT_DIR are left
#   alone but not read). Keys of summary.json["metrics"], each {median, mean, min, max,
#   values}: train_tasks_per_s, train_wall_s, adapt_ms_median, adapt_ms_p99,
#   top10_ms_median, top10_ms_p99 (from the peer's train.* and timing.all.*: ms per
#   (user, scenario) pair, 2,034 pairs) and new_user_K10_MAE, plus a few extras.
#
# Load: the machine may be shared. For each run the summary records the load averages
# just before it, the share of CPU busy in the 5 s before it, and how many cores the
# peer and everything else on the machine used during it (host-wide /proc/stat minus
# the peer's own CPU time), and the CPU time the hypervisor gave to other guests
# (steal); a run under load is slower, so read those before the timings.
#
# Usage
#   benchmarks/peer/run-melu.sh [options] [OUT_DIR]
#     --config tuned|tuned-id   configuration (default tuned)
#     --threads N               torch threads (default 2)
#     --runs N                  number of runs (default 3)
#     --seed N                  seed of the first run (default 0)
#     --no-baselines            skip the peer's trivial baselines (saves a few seconds
#                               per run; they are scored after all timed sections)
#     --max-load L              before each run, wait while the 1-minute load average
#                               is above L (default 1.0; "none" = never wait)
#     --max-wait S              give up waiting after S seconds and run anyway, with a
#                               warning that is also recorded (default 600)
#     --peer-dir DIR            the peer (default <repo>/../shared/peers/melu_torch,
#                               or $MELU_PEER_DIR)
#     --data DIR                MovieLens-100k (default <repo>/../shared/data/ml-100k,
#                               or $ML100K_DIR)
#     --no-install              fail instead of installing missing Debian packages
#     --dry-run                 print the commands, run nothing
#     -h, --help                this text
#   Examples
#     benchmarks/peer/run-melu.sh                                # tuned, 2 threads, 3 runs
#     benchmarks/peer/run-melu.sh --threads 1
#     benchmarks/peer/run-melu.sh --config tuned-id --runs 1
#
# Dependencies: Debian's python3-torch (1.13.1) and libopenblas0-openmp (the peer's
# README: without OpenBLAS, torch uses the reference BLAS and is ~25x slower on the
# larger matmuls). If torch cannot be imported or OpenBLAS is missing, they are
# installed with apt-get (needs root or sudo; the commands are printed first).
#
# Exit codes: 0 ok; 2 bad usage; 3 missing dependency or install failed;
# 4 peer or data not found; 5 a peer run failed (its log is printed).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
PY=/usr/bin/python3
APT_PACKAGES=(python3-torch libopenblas0-openmp)

usage() { sed -n '/^# Usage/,/^# Exit codes/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() { local code=$1; shift; echo "run-melu.sh: error: $*" >&2; exit "$code"; }
note() { echo "run-melu.sh: $*"; }

CONFIG=tuned
THREADS=2
RUNS=3
SEED=0
NO_BASELINES=0
MAX_LOAD=1.0
MAX_WAIT=600
PEER_DIR="${MELU_PEER_DIR:-$REPO_ROOT/../shared/peers/melu_torch}"
DATA_DIR="${ML100K_DIR:-$REPO_ROOT/../shared/data/ml-100k}"
INSTALL=1
DRY_RUN=0
OUT_DIR=""

need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die 2 "$1 needs a value (see --help)"; }
is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

while [ $# -gt 0 ]; do
  case "$1" in
    --config) need_value "$@"; CONFIG=$2; shift 2 ;;
    --threads) need_value "$@"; THREADS=$2; shift 2 ;;
    --runs) need_value "$@"; RUNS=$2; shift 2 ;;
    --seed) need_value "$@"; SEED=$2; shift 2 ;;
    --no-baselines) NO_BASELINES=1; shift ;;
    --max-load) need_value "$@"; MAX_LOAD=$2; shift 2 ;;
    --max-wait) need_value "$@"; MAX_WAIT=$2; shift 2 ;;
    --peer-dir) need_value "$@"; PEER_DIR=$2; shift 2 ;;
    --data) need_value "$@"; DATA_DIR=$2; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    -*) die 2 "unknown option $1 (see --help)" ;;
    *) [ -z "$OUT_DIR" ] || die 2 "more than one output directory given ($OUT_DIR, $1)"
       OUT_DIR=$1; shift ;;
  esac
done
if [ $# -gt 0 ]; then
  [ -z "$OUT_DIR" ] && [ $# -eq 1 ] || die 2 "unexpected arguments: $*"
  OUT_DIR=$1
fi

is_uint "$THREADS" && [ "$THREADS" -ge 1 ] || die 2 "--threads must be a positive integer, not '$THREADS'"
is_uint "$RUNS" && [ "$RUNS" -ge 1 ] || die 2 "--runs must be a positive integer, not '$RUNS'"
is_uint "$SEED" || die 2 "--seed must be a non-negative integer, not '$SEED'"
is_uint "$MAX_WAIT" || die 2 "--max-wait must be a whole number of seconds, not '$MAX_WAIT'"
if [ "$MAX_LOAD" != none ] && ! [[ "$MAX_LOAD" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  die 2 "--max-load must be a number or 'none', not '$MAX_LOAD'"
fi

# The peer's flags, as in its run_final.sh (TUNED, plus --first-order) and
# run_final_id.sh (BEST).
TUNED_ARGS=(--epochs 30 --global-lr 5e-4 --local-lr 1e-2 --local-steps 5 --batch-size 32
            --support 10 --query-max 20 --init-bias-mean train --emb-dim 32 --fc-dim 64
            --first-order)
case "$CONFIG" in
  tuned) CONFIG_ARGS=("${TUNED_ARGS[@]}") ;;
  tuned-id) CONFIG_ARGS=(--local-lr 1e-2 --local-steps 5 --batch-size 32 --support 10 --query-max 20
                         --init-bias-mean train --first-order --global-lr 2e-4 --epochs 100
                         --item-id-emb --id-dropout 0.5 --emb-dim 32 --fc-dim 64) ;;
  *) die 2 "--config must be tuned or tuned-id, not '$CONFIG'" ;;
esac

[ -n "$OUT_DIR" ] || OUT_DIR="$REPO_ROOT/benchmark-results/peer/$CONFIG-t$THREADS"

# ---------------------------------------------------------------- peer and data
[ -f "$PEER_DIR/melu_cs100k.py" ] || die 4 "peer not found: $PEER_DIR/melu_cs100k.py (use --peer-dir or MELU_PEER_DIR)"
for f in u.data u.item u.user u.occupation; do
  [ -f "$DATA_DIR/$f" ] || die 4 "MovieLens-100k not found: $DATA_DIR/$f missing (use --data or ML100K_DIR)"
done
PEER_DIR="$(cd "$PEER_DIR" && pwd)"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"

# ---------------------------------------------------------------- dependencies
run_root() {  # print, then run a command as root (directly or through sudo)
  echo "+ $*"
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else return 1
  fi
}

have_torch() { [ -x "$PY" ] && "$PY" -c 'import torch' >/dev/null 2>&1; }
have_openblas() { dpkg-query -W -f='${Status}' libopenblas0-openmp 2>/dev/null | grep -q 'install ok installed'; }

ensure_deps() {
  local missing=()
  have_torch || missing+=(python3-torch)
  have_openblas || missing+=(libopenblas0-openmp)
  [ ${#missing[@]} -eq 0 ] && return 0
  note "missing: ${missing[*]}"
  if [ "$INSTALL" -eq 0 ]; then
    die 3 "install them first: apt-get install -y ${APT_PACKAGES[*]} (or drop --no-install)"
  fi
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    die 3 "need root or sudo to run: apt-get install -y ${APT_PACKAGES[*]}"
  fi
  note "installing Debian packages ${APT_PACKAGES[*]} with apt-get (non-interactive)"
  run_root env DEBIAN_FRONTEND=noninteractive apt-get update \
    || die 3 "apt-get update failed"
  run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_PACKAGES[@]}" \
    || die 3 "apt-get install ${APT_PACKAGES[*]} failed"
  have_torch || die 3 "torch still cannot be imported by $PY after the install"
  have_openblas || die 3 "libopenblas0-openmp still not installed after the install"
}

if [ "$DRY_RUN" -eq 1 ]; then
  have_torch && have_openblas || note "(dry run) would install: apt-get update && apt-get install -y ${APT_PACKAGES[*]}"
else
  ensure_deps
fi

TORCH_VERSION="(not installed)"
BLAS_LIB="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
if have_torch; then
  TORCH_VERSION="$("$PY" -c 'import torch; print(torch.__version__)')"
fi
note "python $PY, torch $TORCH_VERSION, libblas.so.3 -> ${BLAS_LIB:-?}"
case "$BLAS_LIB" in
  *openblas*) ;;
  *) note "WARNING: libblas.so.3 is not OpenBLAS; torch matmuls will be far slower than the peer's published runs" ;;
esac

# ---------------------------------------------------------------- load
load1() { cut -d' ' -f1 /proc/loadavg; }
above() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

cpu_busy() {  # percent of all CPUs busy (not idle, iowait or steal) over the next $1 seconds, host-wide
  local a b
  a=$(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6+$9}' /proc/stat)
  sleep "$1"
  b=$(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6+$9}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1];
    printf "%.0f", (t > 0 ? 100 * (1 - (y[2] - x[2]) / t) : 0) }'
}

host_busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }  # user nice system irq softirq
steal_ticks() { awk '/^cpu /{print $9}' /proc/stat; }  # time the hypervisor gave to other guests
# CPU time (ticks) of this shell's waited-for descendants: fields 16-17 (cutime, cstime)
children_ticks() { sed 's/.*) //' "/proc/$$/stat" | awk '{print $14 + $15}'; }

WAITED=0
wait_for_load() {  # sets WAITED (seconds slept); never fails
  WAITED=0
  [ "$MAX_LOAD" = none ] && return 0
  while above "$(load1)" "$MAX_LOAD"; do
    if [ "$WAITED" -ge "$MAX_WAIT" ]; then
      note "WARNING: 1-minute load $(load1) still above $MAX_LOAD after ${WAITED}s; running anyway"
      return 0
    fi
    note "1-minute load $(load1) > $MAX_LOAD (load averages $(cut -d" " -f1-3 /proc/loadavg)); waiting 60 s"
    sleep 60
    WAITED=$((WAITED + 60))
  done
}

# ---------------------------------------------------------------- runs
BASE_ARGS=("${CONFIG_ARGS[@]}" --threads "$THREADS")
[ "$NO_BASELINES" -eq 1 ] && BASE_ARGS+=(--no-baselines)

note "config $CONFIG, $THREADS thread(s), $RUNS run(s), seeds $SEED..$((SEED + RUNS - 1))"
note "peer $PEER_DIR"
note "data $DATA_DIR"
note "output $OUT_DIR"
if [ "$DRY_RUN" -eq 1 ]; then
  for ((i = 0; i < RUNS; i++)); do
    s=$((SEED + i)); name="melu-$CONFIG-t$THREADS-s$s"
    echo "+ (cd TMPDIR && $PY melu_cs100k.py ${BASE_ARGS[*]} --seed $s --data $DATA_DIR --out $OUT_DIR/$name.json > $OUT_DIR/$name.log 2>&1)"
  done
  exit 0
fi

mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/melu-peer.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp "$PEER_DIR"/*.py "$WORK"/
chmod -R u+w "$WORK"
note "peer copied to $WORK (removed on exit)"

# seed, json, load before run (3 values), seconds waited, wall s, CPU busy % before,
# cores used by the peer and by other work during the run, cores stolen by the hypervisor
RUNS_TSV="$WORK/runs.tsv"
: > "$RUNS_TSV"
for ((i = 0; i < RUNS; i++)); do
  s=$((SEED + i))
  name="melu-$CONFIG-t$THREADS-s$s"
  wait_for_load
  busy=$(cpu_busy 5)
  read -r l1 l5 l15 _ < /proc/loadavg
  note "run $((i + 1))/$RUNS seed $s; load average before run: $l1 $l5 $l15 (waited ${WAITED}s);" \
       "CPUs busy in the 5 s before: ${busy}% of $(nproc)"
  cmd=("$PY" melu_cs100k.py "${BASE_ARGS[@]}" --seed "$s" --data "$DATA_DIR" --out "$OUT_DIR/$name.json")
  echo "+ (cd $WORK && ${cmd[*]})"
  t0=$(date +%s.%N); h0=$(host_busy_ticks); c0=$(children_ticks); st0=$(steal_ticks)
  if ! (cd "$WORK" && "${cmd[@]}") > "$OUT_DIR/$name.log" 2>&1; then
    echo "---- last lines of $OUT_DIR/$name.log" >&2
    tail -n 30 "$OUT_DIR/$name.log" >&2
    die 5 "peer run seed $s failed (full log: $OUT_DIR/$name.log)"
  fi
  t1=$(date +%s.%N); h1=$(host_busy_ticks); c1=$(children_ticks); st1=$(steal_ticks)
  # CPU used during the run by everything else on the machine, in cores (average)
  other=$(awk -v h="$((h1 - h0))" -v c="$((c1 - c0))" -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { o = (h - c) / hz / (b - a); printf "%.2f", (o < 0 ? 0 : o) }')
  peer_cores=$(awk -v c="$((c1 - c0))" -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.2f", c / hz / (b - a) }')
  steal=$(awk -v c="$((st1 - st0))" -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.2f", c / hz / (b - a) }')
  note "run took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }') s; the peer used" \
       "$peer_cores cores on average, everything else on the machine $other cores;" \
       "hypervisor steal $steal cores"
  [ -s "$OUT_DIR/$name.json" ] || die 5 "peer run seed $s wrote no JSON ($OUT_DIR/$name.json)"
  grep -E '^(meta-training|per-user adaptation)' "$OUT_DIR/$name.log" | sed 's/^/    /' || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$OUT_DIR/$name.json" "$l1" "$l5" "$l15" "$WAITED" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" "$busy" "$peer_cores" "$other" "$steal" >> "$RUNS_TSV"
done

# ---------------------------------------------------------------- summary
PEER_SHA=$(sha256sum "$PEER_DIR/melu_cs100k.py" | cut -d' ' -f1)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
"$PY" - "$RUNS_TSV" "$OUT_DIR" "$CONFIG" "$THREADS" "$PEER_DIR" "$DATA_DIR" "$PEER_SHA" \
  "$BLAS_LIB" "$CPU_MODEL" "$(nproc)" "$MAX_LOAD" "${BASE_ARGS[*]}" <<'EOF'
import datetime, json, statistics, sys

(tsv, out_dir, config, threads, peer_dir, data_dir, peer_sha, blas, cpu, ncpu,
 max_load, args) = sys.argv[1:]
threads = int(threads)

# Figures published in the peer's README (means over seeds, or seed 0 alone at 1 thread):
# "MeLU-tuned first-order" (results/summary.json, summary_threads1.json) and
# "MeLU+ID, dropout 0.5" (results/summary_id.json, summary_id_threads1.json).
PUBLISHED = {
    ('tuned', 2): dict(source='README timing table, MeLU-tuned first-order, mean of seeds 0-2',
                       train_tasks_per_s=1378, train_wall_s=16.5, adapt_ms_median=3.08, adapt_ms_p99=6.04,
                       top10_ms_median=1.30, top10_ms_p99=1.97, new_user_K10_MAE=0.8919),
    ('tuned', 1): dict(source='README single-thread reference, tuned FO, seed 0',
                       train_tasks_per_s=1453, train_wall_s=15.6, adapt_ms_median=2.85, adapt_ms_p99=5.71,
                       top10_ms_median=0.96, top10_ms_p99=1.56, new_user_K10_MAE=0.8892),
    ('tuned-id', 2): dict(source='README MeLU+ID timing table, dropout 0.5, mean of seeds 0-2',
                          train_tasks_per_s=892, train_wall_s=84.7, adapt_ms_median=4.19, adapt_ms_p99=8.71,
                          top10_ms_median=1.67, top10_ms_p99=3.01, new_user_K10_MAE=0.8285),
    ('tuned-id', 1): dict(source='README MeLU+ID timing table, dropout 0.5, 1 thread, seed 0',
                          train_tasks_per_s=1173, train_wall_s=64.4, adapt_ms_median=3.51, adapt_ms_p99=6.62,
                          top10_ms_median=1.15, top10_ms_p99=1.81, new_user_K10_MAE=0.8284),
}
# summary key -> (label, unit, getter on a peer result JSON)
METRICS = [
    ('train_tasks_per_s', 'meta-training tasks/s', '', lambda r: r['train']['tasks_per_s']),
    ('train_wall_s', 'meta-training wall time', 's', lambda r: r['train']['wall_s']),
    ('adapt_ms_median', 'adaptation, median', 'ms', lambda r: r['timing']['all']['adapt_ms_median']),
    ('adapt_ms_p99', 'adaptation, p99', 'ms', lambda r: r['timing']['all']['adapt_ms_p99']),
    ('top10_ms_median', 'top-10, median', 'ms', lambda r: r['timing']['all']['top10_ms_median']),
    ('top10_ms_p99', 'top-10, p99', 'ms', lambda r: r['timing']['all']['top10_ms_p99']),
    ('new_user_K10_MAE', 'new-user K10 MAE', '', lambda r: r['results']['model']['new-user-K10']['MAE']),
]
EXTRA = [  # recorded in the JSON, not printed
    ('new_user_K10_nDCG@10', lambda r: r['results']['model']['new-user-K10']['nDCG@10']),
    ('new_user_K10_P@10', lambda r: r['results']['model']['new-user-K10']['P@10']),
    ('warm_MAE', lambda r: r['results']['model']['warm']['MAE']),
    ('new_item_MAE', lambda r: r['results']['model']['new-item']['MAE']),
    ('new_user_K10_adapt_ms_median', lambda r: r['timing']['new-user-K10']['adapt_ms_median']),
    ('new_user_K10_top10_ms_median', lambda r: r['timing']['new-user-K10']['top10_ms_median']),
]

runs = []
for line in open(tsv):
    seed, path, l1, l5, l15, waited, wall, busy, peer_cores, other, steal = line.rstrip('\n').split('\t')
    r = json.load(open(path))
    runs.append(dict(seed=int(seed), file=path, result=r,
                     loadavg_before_run=[float(l1), float(l5), float(l15)],
                     waited_for_load_s=int(waited), process_wall_s=float(wall),
                     cpu_busy_pct_5s_before_run=float(busy),
                     peer_cores_during_run=float(peer_cores), other_cores_during_run=float(other),
                     steal_cores_during_run=float(steal)))
if not runs:
    sys.exit('no runs to summarise')


def stats(vals):
    return dict(median=statistics.median(vals), mean=statistics.fmean(vals), min=min(vals), max=max(vals),
                values=vals)


metrics = {k: stats([g(x['result']) for x in runs]) for k, _, _, g in METRICS}
metrics.update({k: stats([g(x['result']) for x in runs]) for k, g in EXTRA})
r0 = runs[0]['result']
pub = PUBLISHED.get((config, threads))
summary = dict(
    peer='melu_torch (MeLU-style MAML, PyTorch)', config=config, threads_requested=threads,
    threads_reported=sorted({x['result']['threads'] for x in runs}),
    runs=len(runs), seeds=[x['seed'] for x in runs], peer_args=args.split(),
    train_tasks=r0['train']['tasks'], users_timed=r0['timing']['all']['users_timed'],
    protocol_version=r0['config'].get('protocol_version'),
    statistic='median over runs (min, max and per-run values alongside)',
    metrics=metrics,
    per_run=[dict(seed=x['seed'], file=x['file'], loadavg_before_run=x['loadavg_before_run'],
                  waited_for_load_s=x['waited_for_load_s'], process_wall_s=x['process_wall_s'],
                  cpu_busy_pct_5s_before_run=x['cpu_busy_pct_5s_before_run'],
                  peer_cores_during_run=x['peer_cores_during_run'],
                  other_cores_during_run=x['other_cores_during_run'],
                  steal_cores_during_run=x['steal_cores_during_run'],
                  loadavg_before_train=x['result']['loadavg_before_train'],
                  loadavg_after_train=x['result']['loadavg_after_train'],
                  loadavg_after_eval=x['result']['loadavg_after_eval'],
                  **{k: g(x['result']) for k, _, _, g in METRICS}) for x in runs],
    published=pub,
    environment=dict(torch=r0['torch'], omp_wait_policy=r0.get('omp_wait_policy'), libblas=blas,
                     cpu=cpu, cpus=int(ncpu), peer_dir=peer_dir,
                     peer_melu_cs100k_sha256=peer_sha, data_dir=data_dir,
                     max_load_before_run=max_load,
                     date=datetime.datetime.now().astimezone().isoformat(timespec='seconds')),
)
with open(f'{out_dir}/summary.json', 'w') as f:
    json.dump(summary, f, indent=1)


def fmt(v, unit):
    if unit == '' and v >= 100:
        return f'{v:,.0f}'
    return f'{v:.4f}' if unit == '' else f'{v:.2f}' if v < 100 else f'{v:.1f}'


lines = [f'MeLU peer (PyTorch {r0["torch"]}), config {config}, {threads} thread(s), '
         f'{len(runs)} run(s), seeds {summary["seeds"]}; {summary["train_tasks"]:,} training tasks, '
         f'{summary["users_timed"]:,} timed (user, scenario) pairs',
         '',
         f'{"":28}{"median":>10}  {"range (min-max)":<22}{"mean":>10}'
         + (f'{"published":>11}  {"ratio":>6}' if pub else '')]
for k, label, unit, _ in METRICS:
    m = metrics[k]
    name = f'{label}' + (f' ({unit})' if unit else '')
    row = (f'{name:<28}{fmt(m["median"], unit):>10}  {fmt(m["min"], unit) + "-" + fmt(m["max"], unit):<22}'
           f'{fmt(m["mean"], unit):>10}')
    if pub:
        row += f'{fmt(pub[k], unit):>11}  {m["median"] / pub[k]:6.2f}'
    lines.append(row)
lines.append('')
if pub:
    lines.append(f'published = {pub["source"]} (peer README); ratio = median here / published')
for x in summary['per_run']:
    lines.append(f'seed {x["seed"]}: load before run {" ".join(f"{v:.2f}" for v in x["loadavg_before_run"])}'
                 f' (waited {x["waited_for_load_s"]} s; CPUs {x["cpu_busy_pct_5s_before_run"]:.0f}% busy), '
                 f'before/after training '
                 f'{x["loadavg_before_train"][0]:.2f}/{x["loadavg_after_train"][0]:.2f}; '
                 f'{x["train_tasks_per_s"]:.0f} tasks/s, process {x["process_wall_s"]:.0f} s; during the run '
                 f'the peer used {x["peer_cores_during_run"]:.2f} cores, other work {x["other_cores_during_run"]:.2f}, '
                 f'steal {x["steal_cores_during_run"]:.2f}')
lines.append(f'summary: {out_dir}/summary.json')
text = '\n'.join(lines)
print(text)
with open(f'{out_dir}/summary.txt', 'w') as f:
    f.write(text + '\n')
EOF
