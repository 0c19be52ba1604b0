#!/usr/bin/env bash
# How much the training step's speed moves from one JVM launch to the next, beside NumPy's.
#
#   benchmarks/launch-spread.sh [LAUNCHES]     (default 10)
#
# Starts the JMH TrainingStep (simd, float32, batch 100, threads=all; 3 warm-up and 5 measured
# iterations of 1 s) LAUNCHES times on each JDK of JDKS (space-separated JAVA_HOMEs; default the
# java on PATH), taking turns, and after each round of launches runs NumPy's step on a fixed batch
# (benchmarks/numpy/chapter_train.py --step-only, with its own OpenBLAS kernels as in
# vs-numpy.sh), so that both are measured over the same minutes of this machine. Prints each
# launch's median step, then per program the median over launches, the spread of the launch medians
# ((max - min) / median) and the ratio Nabla / NumPy. NABLA_JAVA_OPTS adds JVM flags to the
# benchmark's forked JVMs, keeping the Vector API module that -jvmArgsAppend would otherwise drop:
# -XX:UseAVX=2 for the AVX2 path on an AVX-512 machine (pair it with NUMPY_CORETYPE=Haswell).
# Data: MNIST_DIR, else ../shared/datasets/mnist. About 12 s a launch.
set -euo pipefail
cd "$(dirname "$0")/.."
launches="${1:-10}"
data="${MNIST_DIR:-../shared/datasets/mnist}"
read -r -a jdks <<< "${JDKS:-}"
[ ${#jdks[@]} -eq 0 ] && jdks=("")
numpy_env() {
  if [ -n "${NUMPY_CORETYPE:-}" ]; then
    env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE="$NUMPY_CORETYPE" "$@"
  else
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"
  fi
}
# Built when missing or older than a source, so that the figures are this tree's.
if [ ! -f benchmarks/target/benchmarks.jar ] \
    || [ -n "$(find . -path '*/src/main/*' -newer benchmarks/target/benchmarks.jar -type f | head -n 1)" ]; then
  ./mvnw -B -q -DskipTests package
fi
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) processors;" \
  "ISA: $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || (grep -qw avx2 /proc/cpuinfo && echo AVX2 || uname -m))"
[ -n "${NABLA_JAVA_OPTS:-}" ] && echo "Nabla's JVM options (NABLA_JAVA_OPTS): $NABLA_JAVA_OPTS"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
have_numpy=yes
python3 -c 'import numpy' 2>/dev/null || have_numpy=no
declare -A medians
numpy_medians=""
for ((l = 1; l <= launches; l++)); do
  for jdk in "${jdks[@]}"; do
    if [ -n "$jdk" ]; then java="$jdk/bin/java"; else java=java; fi
    label="JDK $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
    # shellcheck disable=SC2086 # NABLA_JAVA_OPTS is a list of JVM options
    MNIST_DIR="$data" "$java" -jar benchmarks/target/benchmarks.jar TrainingStep \
      -p backend=simd -p dtype=float32 -p batch=100 -p threads=all -f 1 -wi 3 -w 1 -i 5 -r 1 \
      ${NABLA_JAVA_OPTS:+-jvmArgsAppend "--add-modules=jdk.incubator.vector $NABLA_JAVA_OPTS"} \
      -rf json -rff "$out/jmh.json" >"$out/jmh.log" 2>&1 || { cat "$out/jmh.log" >&2; exit 1; }
    # A benchmark that failed in its fork leaves no score: show JMH's log rather than a traceback.
    m=$(python3 -c 'import json, statistics, sys; d = json.load(open(sys.argv[1])); print(statistics.median(d[0]["primaryMetric"]["rawData"][0]))' "$out/jmh.json" 2>/dev/null) \
      || { echo "launch-spread: JMH gave no score; its log:" >&2; cat "$out/jmh.log" >&2; exit 1; }
    medians[$label]+="$m "
    printf 'launch %2d  Nabla %-12s %8.1f us\n' "$l" "$label" "$m"
  done
  if [ "$have_numpy" = yes ]; then
    n=$(numpy_env python3 benchmarks/numpy/chapter_train.py --data "$data" --dtype float32 --step-only | awk '/^step_microseconds/ {print $3}')
    [ -n "$n" ] || { echo "launch-spread: NumPy's step printed no step_microseconds line" >&2; exit 1; }
    numpy_medians+="$n "
    printf 'launch %2d  NumPy              %8.1f us\n' "$l" "$n"
  fi
done
summary() {
  python3 - "$@" <<'PY'
import statistics, sys
name, values, reference = sys.argv[1], [float(v) for v in sys.argv[2].split()], sys.argv[3]
med = statistics.median(values)
ratio = f"{med / float(reference):.2f}" if reference else "-"
print(f"{name:<22} median {med:7.1f} us  min {min(values):7.1f}  max {max(values):7.1f}  spread {(max(values) - min(values)) / med * 100:5.1f} %  vs NumPy {ratio}")
PY
}
echo
numpy_median=""
if [ -n "$numpy_medians" ]; then
  numpy_median=$(python3 -c 'import statistics, sys; print(statistics.median(float(v) for v in sys.argv[1].split()))' "$numpy_medians")
  summary "NumPy" "$numpy_medians" "$numpy_median"
fi
while IFS= read -r label; do
  summary "Nabla $label" "${medians[$label]}" "$numpy_median"
done < <(printf '%s\n' "${!medians[@]}" | sort)
