#!/usr/bin/env bash
# The 10⁵-point rehearsal of a sweep (docs/PERFORMANCE.md, "Sweeps of 10⁵ points"): a grid of trivial points
# (4×4 lattice, 1 epoch, 10-step flows; tools/bench/rehearsal.yaml) swept, resumed, inspected, compacted and
# aggregated, each step timed, with the driver's live heap sampled every 20 s (a class histogram's total, after the
# full GC it triggers).
#   tools/bench/rehearsal.sh [--seeds 5000] [--master local[2] | --master spark://HOST:PORT] [--after-sweep] OUT
# 5000 seeds × 4 n_h × 5 n_temp = 10⁵ points. With a spark:// master the Spark commands go through submit/cluster
# (client mode: the driver is the submitting JVM); `status` never uses Spark. OUT must not exist, except with
# --after-sweep: the steps after the sweep, on the uncompacted output of an earlier rehearsal with the same --seeds.
# Prints each step's output and ends with one line of key=value pairs per step (wall seconds, peak live heap MiB).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seeds=5000; master="local[2]"; after=no
while [ $# -gt 1 ]; do
  case "$1" in
    --after-sweep) after=yes; shift ;;
    --seeds) [[ "${2:-}" =~ ^[1-9][0-9]{0,5}$ ]] || { echo "--seeds: '${2:-}' is not allowed; expected 1..999999" >&2; exit 2; }; seeds="$2"; shift 2 ;;
    --master) [[ "${2:-}" =~ ^(local\[[0-9*]+\]|spark://.+)$ ]] || { echo "--master: '${2:-}' is not allowed; expected local[N] or spark://HOST:PORT" >&2; exit 2; }; master="$2"; shift 2 ;;
    *) echo "unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ $# -eq 1 ] || { sed -n '2,11p' "$0" | sed 's/^# //' >&2; exit 2; }
out="$1"
if [ "$after" = no ]; then
  [ ! -e "$out" ] || { echo "OUT: '$out' exists; expected a new directory" >&2; exit 2; }
else
  [ -d "$out/points" ] || { echo "OUT: '$out' holds no sweep output; --after-sweep needs one" >&2; exit 2; }
fi
mkdir -p "$out.logs"
spec="$out.logs/rehearsal.yaml"
sed "s/^  seeds: .*/  seeds: $seeds/" "$root/tools/bench/rehearsal.yaml" > "$spec"
"$root/submit/rbmflow" --version >/dev/null   # builds target/rbmflow.jar when stale
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

results=()
# heap_sampler PID FILE: the live heap every 20 s in bytes, one line each (the class histogram's total, taken
# after the full GC it triggers)
heap_sampler() {
  while kill -0 "$1" 2>/dev/null; do
    sleep 20
    jcmd "$1" GC.class_histogram 2>/dev/null | awk '$1 == "Total" { print $3 }' >> "$2" || break
  done
}
# step NAME SPARK(yes|no) rbmflow-args...
step() {
  local name="$1" spark="$2"; shift 2
  local log="$out.logs/$name.log" heap="$out.logs/$name.heap"
  : > "$heap"
  echo "== $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)): rbmflow $*"
  local t0; t0=$(date +%s.%N)
  if [ "$spark" = yes ] && [[ "$master" == spark://* ]]; then
    "$root/submit/cluster" --master "$master" "$@" > "$log" 2>&1 &
  else
    RBMFLOW_MASTER="$master" "$root/submit/rbmflow" "$@" > "$log" 2>&1 &
  fi
  local launcher=$!
  sleep 3
  local jvm; jvm=$(pgrep -f "org.rbmflow.cli.Main( .*)? $1 .*$out" | head -1 || true)
  [ -z "$jvm" ] || heap_sampler "$jvm" "$heap" &
  local rc=0; wait "$launcher" || rc=$?
  local wall; wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  grep -v '^  NOT_CONVERGED\|points done\|incubator\|NativeCodeLoader' "$log" || true
  local peak; peak=$(sort -n "$heap" | tail -1)
  results+=("$(printf 'rehearsal step=%s rc=%d wall=%.1f live_heap_mib=%s' "$name" "$rc" "$wall" \
    "$([ -n "$peak" ] && echo $((peak / 1048576)) || echo n/a)")")
}
files() {
  local line="files-$1"
  for t in points flows spectra patterns; do
    line="$line $t=$(find "$out/$t" -name '*.parquet' 2>/dev/null | wc -l)"
  done
  results+=("rehearsal $line")
}

if [ "$after" = no ]; then
  step dry-run yes sweep "$spec" --out "$out" --dry-run
  step sweep yes sweep "$spec" --out "$out" --no-compact --no-aggregate
fi
files before
step resume yes sweep "$spec" --out "$out" --no-compact --no-aggregate
step status no status "$out"
step compact no compact "$out"
files after
step resume-compacted yes sweep "$spec" --out "$out" --no-compact --no-aggregate
step status-compacted no status "$out"
step aggregate yes aggregate "$out"
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg), master $master, revision $(git -C "$root" rev-parse --short HEAD)"
printf '%s\n' "${results[@]}"
