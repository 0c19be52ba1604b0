#!/usr/bin/env bash
# How the bisection of the float64 SIMD step was timed: JMH's MLP training step
# (benchmarks.TrainingStep.step, batch 100) from the benchmarks.jar of each TREE (a `git worktree
# add` built with `./mvnw -o -DskipTests package`), one short fork per tree per round, the trees'
# order turned by one each round, for ROUNDS rounds; then, per dtype, each tree's median and the
# median of its per-round ratios to the first tree's score (rounds move with the host's load, so a
# ratio within a round says more than a ratio of medians).
#
#   benchmarks/results/issue23/jmh-trees.sh ROUNDS TREE...
#
# BACKEND (simd), DTYPE (float64; a list such as float32,float64 works), THREADS (all), WI and MI
# (warm-up and measured 1-s iterations, 3 and 4) and EXTRA (JVM flags for the forks) vary the case.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 ROUNDS TREE..." >&2
  exit 2
fi
rounds=$1
shift
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
trees=("$@")
n=${#trees[@]}
for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < n; i++)); do
    t=$(((i + r) % n))
    "$java" --add-modules jdk.incubator.vector -jar "${trees[$t]}/benchmarks/target/benchmarks.jar" \
      'benchmarks.TrainingStep.step$' -p backend="${BACKEND:-simd}" -p dtype="${DTYPE:-float64}" -p batch=100 \
      -p threads="${THREADS:-all}" -f 1 -wi "${WI:-3}" -w 1 -i "${MI:-4}" -r 1 ${EXTRA:+-jvmArgsAppend "$EXTRA"} \
      -rf json -rff "$out/$t-$r.json" >"$out/$t-$r.log" 2>&1
  done
  echo "round $r of $rounds done" >&2
done
python3 - "$out" "$rounds" "$@" <<'PY'
import json, statistics, sys
out, rounds, trees = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
scores = {}
for i in range(len(trees)):
    for r in range(1, rounds + 1):
        for row in json.load(open(f"{out}/{i}-{r}.json")):
            scores.setdefault(row["params"]["dtype"], {}).setdefault(i, []).append(row["primaryMetric"]["score"])
for dtype, s in scores.items():
    print(f"{dtype} (us/op; ratio: median over rounds of the round's score / the first tree's)")
    for i, tree in enumerate(trees):
        ratios = [x / y for x, y in zip(s[i], s[0])]
        print(f"  {tree:28} median {statistics.median(s[i]):8.1f}  ratio {statistics.median(ratios):.3f}"
              f"  rounds {' '.join(f'{x:.0f}' for x in s[i])}")
PY
