#!/usr/bin/env bash
# How issue 23's step figures were made: JMH's TrainingStep (batch 100, all threads), the
# hand-written backward pass (`step`) against automatic differentiation (`autogradStep`), one JMH
# fork each, taking turns (the order swapped every round) for ROUNDS rounds; then each case's
# median and the ratio autograd/hand-written of the medians.
#
#   benchmarks/results/issue23/autograd-vs-handwritten.sh ROUNDS
#
# JAVA_HOME picks the JDK; BACKENDS narrows the backends (default pure,jblas,simd); DTYPES the
# dtypes (default float32,float64). MNIST_DIR, if set, gives the benchmark real MNIST batches.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 ROUNDS" >&2
  exit 2
fi
rounds="$1"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  order=(step autogradStep)
  if ((r % 2 == 0)); then order=(autogradStep step); fi
  for method in "${order[@]}"; do
    "$java" --add-modules jdk.incubator.vector -jar "$root/benchmarks/target/benchmarks.jar" \
      "TrainingStep.$method\$" -p backend="${BACKENDS:-pure,jblas,simd}" -p dtype="${DTYPES:-float32,float64}" \
      -p batch=100 -p threads=all -f 1 -rf json -rff "$out/$method-$r.json" >"$out/$method-$r.log" 2>&1
  done
  echo "round $r of $rounds done" >&2
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
scores = {}
for method in ("step", "autogradStep"):
    for r in range(1, rounds + 1):
        for row in json.load(open(f"{out}/{method}-{r}.json")):
            p = row["params"]
            scores.setdefault((p["backend"], p["dtype"]), {}).setdefault(method, []).append(row["primaryMetric"]["score"])
print(f"TrainingStep batch=100 threads=all, median of {rounds} alternating forks (us/op)")
print(f"{'backend':8} {'dtype':8} {'hand':>9} {'autograd':>9} {'autograd/hand':>14}   autograd's rounds")
for (backend, dtype), s in sorted(scores.items()):
    h, a = statistics.median(s["step"]), statistics.median(s["autogradStep"])
    print(f"{backend:8} {dtype:8} {h:9.1f} {a:9.1f} {a / h:14.3f}   {' '.join(f'{x:.1f}' for x in s['autogradStep'])}")
PY
