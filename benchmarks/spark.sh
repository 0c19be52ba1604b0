#!/usr/bin/env bash
# What Nabla's Spark module costs and gains on this machine, in one run (not a test: nothing here
# asserts a time). Writes benchmarks/results/spark/report.md and prints it:
#   - the per-round overhead of local mode: rounds of one step of one row, so a round is its
#     Spark job (broadcast, tasks, collect, average) and nothing else; in local[2] and in a
#     standalone cluster of two one-core workers on 127.0.0.1;
#   - throughput (samples per second of training) of 1 and 2 workers, alternating in one warm
#     Spark session (ScalingBenchmark), with the default K (one pass over a partition's rows per
#     round) and with K = 850 steps per round; in local[2] and on the standalone cluster;
#   - MNIST test accuracy against samples seen for 1, 2 and 4 workers, with and without
#     multiplying the learning rate by the workers;
#   - the whole fit of the chapter's workload (1.02 million samples) on local[2] next to
#     ./nabla train (1 million), alternating.
#
#   benchmarks/spark.sh [REPEATS]      (default 3; run ./mvnw install first; MNIST_DIR or ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-3}"
MNIST_DIR="${MNIST_DIR:-$(cd .. && pwd)/shared/datasets/mnist}"
results=benchmarks/results/spark
mkdir -p "$results"
# shellcheck source=../spark/scripts/standalone.sh
source spark/scripts/standalone.sh
trap standalone_stop EXIT
standalone_prepare
log="$STANDALONE_WORK/bench.log"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }
since() { awk -v end="$(now)" -v start="$1" 'BEGIN { printf "%.2f", end - start }'; }

data="$STANDALONE_WORK/mnist"
cp="$STANDALONE_APP_JAR:$SPARK_HOME/jars/*"
# shellcheck disable=SC2086
java $STANDALONE_FLAGS -cp "$cp" io.nabla.spark.examples.MnistToParquet --data "$MNIST_DIR" --out "$data" >>"$log" 2>&1
train_local() { # train_local OUTPUT ARGS...: TrainOnParquet on local[2] with java, in this process tree
  local out=$1
  shift
  # shellcheck disable=SC2086
  java $STANDALONE_FLAGS -cp "$cp" io.nabla.spark.examples.TrainOnParquet --master 'local[2]' \
    --train "$data/train.parquet" --test "$data/test.parquet" "$@" >"$out" 2>>"$log"
}

scaling() { # scaling OUTPUT ARGS...: ScalingBenchmark on local[2]
  local out=$1
  shift
  # shellcheck disable=SC2086
  java $STANDALONE_FLAGS -cp "$cp" io.nabla.spark.examples.ScalingBenchmark --master 'local[2]' \
    --train "$data/train.parquet" "$@" >"$out" 2>>"$log"
}
key() { sed -n "s/^$2 \([0-9.]*\).*/\1/p" "$1"; }
runs() { sed -n "s/^$2 .*(runs: \(.*\))/\1/p" "$1"; }

echo "== 1 and 2 workers in local[2], one pass per round, alternating in one session" >&2
scaling "$STANDALONE_WORK/scaling-pass.out" --repeats "$((repeats + 2))"
echo "== 1 and 2 workers in local[2], K = 850 steps per round" >&2
scaling "$STANDALONE_WORK/scaling-850.out" --repeats "$((repeats + 2))" --local-steps 850 --rounds 2

echo "== accuracy against samples seen: 1, 2, 4 workers, learning rate scaled or not" >&2
accuracy_rows=""
for setup in "1 no" "2 no" "2 yes" "4 no" "4 yes"; do
  read -r workers scale <<<"$setup"
  flags=(--partitions "$workers" --rounds 17)
  [ "$scale" = yes ] && flags+=(--scale-lr)
  out="$STANDALONE_WORK/acc-$workers-$scale.out"
  train_local "$out" "${flags[@]}"
  acc() { sed -n "s/^round *$1\/.*test acc \([0-9.]*\).*/\1/p" "$out"; }
  final=$(sed -n 's/.*test accuracy \([0-9.]*\).*/\1/p' "$out")
  accuracy_rows+="| $workers | one pass | $( [ "$scale" = yes ] && echo "x $workers" || echo "none") | $(acc 1) | $(acc 3) | $(acc 10) | $final |"$'\n'
done
# K = 850: 6 rounds of 2 x 850 steps of 100 rows are the same 1.02 million samples.
out="$STANDALONE_WORK/acc-2-850.out"
train_local "$out" --partitions 2 --rounds 6 --local-steps 850 --scale-lr
k850=$(sed -n 's/.*test accuracy \([0-9.]*\).*/\1/p' "$out")
k850_rounds=$(sed -n 's/^round *\([0-9]*\)\/.*test acc \([0-9.]*\).*/\1:\2/p' "$out" | tr '\n' ' ')

echo "== the chapter's workload: a fit on local[2] and ./nabla train, alternating" >&2
./nabla --version >/dev/null
fit=(); fit_wall=(); cli=(); cli_wall=()
for ((r = 1; r <= repeats; r++)); do
  start=$(now)
  train_local "$STANDALONE_WORK/fit.out" --partitions 2 --scale-lr --rounds 17 --no-round-accuracy
  fit_wall+=("$(since "$start")")
  fit+=("$(sed -n 's/^fit \([0-9.]*\) s;.*/\1/p' "$STANDALONE_WORK/fit.out")")
  fit_accuracy=$(sed -n 's/.*test accuracy \([0-9.]*\).*/\1/p' "$STANDALONE_WORK/fit.out")
  start=$(now)
  seconds=$(./nabla train --data "$MNIST_DIR" --out "$STANDALONE_WORK/cli" --json \
    | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["seconds"])')
  cli_wall+=("$(since "$start")")
  cli+=("$seconds")
done

echo "== standalone cluster: 2 workers of 1 core" >&2
standalone_start 2 1 2g >>"$log"
standalone_submit io.nabla.spark.examples.ScalingBenchmark --train "$data/train.parquet" --repeats "$repeats" \
  --warm-up 1 >"$STANDALONE_WORK/scaling-cluster.out" 2>>"$log"

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{
  echo "# Nabla on Spark: measured $(date -u +%Y-%m-%d)"
  echo
  echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) processors; ISA: $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo AVX2);" \
    "$(java -version 2>&1 | head -n 1); Spark $(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' pom.xml | head -n 1);" \
    "MNIST 784-50-10, float32, batch 100, sgd lr 0.1; medians of $repeats alternating runs where repeated."
  echo
  echo "| what | figure |"
  echo "|---|---|"
  echo "| per-round overhead of local mode, local[2] (median of 50 rounds of one 1-row step per partition) | $(key "$STANDALONE_WORK/scaling-pass.out" round_overhead_ms) ms |"
  echo "| per-round overhead of local mode, standalone, 2 workers x 1 core | $(key "$STANDALONE_WORK/scaling-cluster.out" round_overhead_ms) ms |"
  for f in pass 850; do
    o="$STANDALONE_WORK/scaling-$f.out"
    what=$([ $f = pass ] && echo "one pass per round (K = 300 on 2 workers, 600 on 1)" || echo "K = 850 steps per round")
    echo "| local[2], $what: 1 worker | $(printf '%.0f' "$(key "$o" throughput_1_worker)") samples/s (runs: $(runs "$o" throughput_1_worker)) |"
    echo "| local[2], $what: 2 workers | $(printf '%.0f' "$(key "$o" throughput_2_workers)") samples/s (runs: $(runs "$o" throughput_2_workers)) |"
    echo "| local[2], $what: 2 workers / 1 worker, median of pairs | **$(key "$o" ratio)x** (pairs: $(runs "$o" ratio)) |"
  done
  o="$STANDALONE_WORK/scaling-cluster.out"
  echo "| standalone, one pass per round: 1 worker / 2 workers | $(printf '%.0f' "$(key "$o" throughput_1_worker)") / $(printf '%.0f' "$(key "$o" throughput_2_workers)") samples/s, ratio $(key "$o" ratio)x |"
  echo "| fit of the chapter's workload, local[2], 2 workers, lr x 2, 17 rounds: fit / whole process | $(printf '%s\n' "${fit[@]}" | median) s / $(printf '%s\n' "${fit_wall[@]}" | median) s, test accuracy $fit_accuracy |"
  echo "| ./nabla train (10000 steps of one machine): training / whole process | $(printf '%s\n' "${cli[@]}" | median) s / $(printf '%s\n' "${cli_wall[@]}" | median) s |"
  echo
  echo "Test accuracy after round 1, 3 and 10 (60,000 samples a round: one pass over the data) and at the end (17 rounds, 1.02 million samples; the chapter's run sees 1 million):"
  echo
  echo "| workers | steps per round | learning-rate scaling | round 1 | round 3 | round 10 | round 17 |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s' "$accuracy_rows"
  echo
  echo "2 workers, K = 850 steps per round, learning rate x 2, 6 rounds (the same 1.02 million samples): test accuracy $k850 (after each round: $k850_rounds)."
} >"$results/report.md"
cat "$results/report.md"
