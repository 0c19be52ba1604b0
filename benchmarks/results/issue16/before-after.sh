#!/usr/bin/env bash
# How the before/after figures of issue 16 were made: NumPy's chapter run, then `./nabla train` of
# an older tree (BEFORE, e.g. a `git worktree add /tmp/before 3f100b3`, built once with its
# ./nabla) and of this one, each on JDK 17 and 25, taking turns for ROUNDS rounds; medians of the
# training time each program reports and of the whole command's wall time.
#
#   benchmarks/results/issue16/before-after.sh BEFORE_TREE ROUNDS
#
# NUMPY_CORETYPE and NABLA_JAVA_OPTS as in benchmarks/vs-numpy.sh; JDK17 and JDK25 name the two
# JAVA_HOMEs (defaults: this machine's). Data: MNIST_DIR, else ../shared/datasets/mnist.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 BEFORE_TREE ROUNDS" >&2
  exit 2
fi
before="$1"
rounds="$2"
after="$(cd "$(dirname "$0")/../../.." && pwd)"
data="$(realpath "${MNIST_DIR:-$after/../shared/datasets/mnist}")"
jdks=("${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}" "${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}")
numpy_env() {
  if [ -n "${NUMPY_CORETYPE:-}" ]; then env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE="$NUMPY_CORETYPE" "$@"
  else env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"; fi
}
now() { date +%s.%N; }
since() { awk -v end="$(now)" -v start="$1" 'BEGIN { print end - start }'; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$before/nabla" --version >/dev/null
"$after/nabla" --version >/dev/null
declare -A train wall
for ((r = 1; r <= rounds; r++)); do
  start=$(now)
  t=$(cd "$after" && numpy_env python3 benchmarks/numpy/chapter_train.py --data "$data" --dtype float32 | sed -n 's/^training_seconds //p')
  wall[numpy]+="$(since "$start") "; train[numpy]+="$t "
  for tree in before after; do
    for jdk in "${jdks[@]}"; do
      dir=$([ "$tree" = before ] && echo "$before" || echo "$after")
      start=$(now)
      t=$(JAVA_HOME="$jdk" "$dir/nabla" train --data "$data" --dtype float32 --out "$out/run" --json \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["seconds"])')
      wall["$tree $jdk"]+="$(since "$start") "; train["$tree $jdk"]+="$t "
    done
  done
  echo "round $r of $rounds done" >&2
done
nt=$(echo "${train[numpy]}" | median); nw=$(echo "${wall[numpy]}" | median)
printf '%-44s %10s %8s %12s %10s\n' "program (median of $rounds)" "training s" "wall s" "train/NumPy" "wall/NumPy"
printf '%-44s %10.2f %8.2f %12.2f %10.2f\n' "NumPy" "$nt" "$nw" 1 1
for tree in before after; do
  for jdk in "${jdks[@]}"; do
    t=$(echo "${train["$tree $jdk"]}" | median); w=$(echo "${wall["$tree $jdk"]}" | median)
    printf '%-44s %10.2f %8.2f %12.2f %10.2f\n' "$tree, $(basename "$jdk")" "$t" "$w" \
      "$(awk -v a="$t" -v b="$nt" 'BEGIN { print a / b }')" "$(awk -v a="$w" -v b="$nw" 'BEGIN { print a / b }')"
  done
done
