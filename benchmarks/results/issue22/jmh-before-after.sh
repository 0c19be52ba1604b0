#!/usr/bin/env bash
# How issue 22's JMH figures were made: the TrainingStep benchmark (batch 100, all threads) on
# every backend in both dtypes, from an older tree's benchmarks.jar (BEFORE, e.g. a `git worktree
# add /tmp/before <commit>` built with `./mvnw -DskipTests package`) and from this tree's, taking
# turns for ROUNDS rounds, one JMH fork each; then each case's median score per tree and the
# ratio after/before of the medians.
#
#   benchmarks/results/issue22/jmh-before-after.sh BEFORE_TREE ROUNDS
#
# JAVA_HOME picks the JDK; NABLA_BENCH_JVM_OPTS adds JVM flags (e.g. -XX:UseAVX=2); BACKENDS
# narrows the backends (default pure,jblas,simd); BENCHMARK is JMH's regular expression (default
# TrainingStep.step$, the step through the model's own gradient). MNIST_DIR, if set, gives the
# benchmark real MNIST batches.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 BEFORE_TREE ROUNDS" >&2
  exit 2
fi
before="$(cd "$1" && pwd)"
rounds="$2"
after="$(cd "$(dirname "$0")/../../.." && pwd)"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for tree in before after; do
    dir=$([ "$tree" = before ] && echo "$before" || echo "$after")
    # shellcheck disable=SC2086 # NABLA_BENCH_JVM_OPTS is a list of JVM options
    "$java" --add-modules jdk.incubator.vector ${NABLA_BENCH_JVM_OPTS:-} -jar "$dir/benchmarks/target/benchmarks.jar" \
      "${BENCHMARK:-TrainingStep.step\$}" -p backend="${BACKENDS:-pure,jblas,simd}" -p dtype=float32,float64 -p batch=100 -p threads=all \
      -f 1 ${NABLA_BENCH_JVM_OPTS:+-jvmArgsAppend "$NABLA_BENCH_JVM_OPTS"} \
      -rf json -rff "$out/$tree-$r.json" >"$out/$tree-$r.log" 2>&1
  done
  echo "round $r of $rounds done" >&2
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
scores = {}
for tree in ("before", "after"):
    for r in range(1, rounds + 1):
        for row in json.load(open(f"{out}/{tree}-{r}.json")):
            p = row["params"]
            key = (p["backend"], p["dtype"])
            scores.setdefault(key, {}).setdefault(tree, []).append(row["primaryMetric"]["score"])
unit = "us/op"
print(f"TrainingStep batch=100 threads=all, median of {rounds} alternating forks ({unit})")
print(f"{'backend':8} {'dtype':8} {'before':>9} {'after':>9} {'after/before':>13}   after's rounds")
for (backend, dtype), s in sorted(scores.items()):
    b, a = statistics.median(s["before"]), statistics.median(s["after"])
    print(f"{backend:8} {dtype:8} {b:9.1f} {a:9.1f} {a / b:13.3f}   {' '.join(f'{x:.1f}' for x in s['after'])}")
PY
