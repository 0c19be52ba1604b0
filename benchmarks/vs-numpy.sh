#!/usr/bin/env bash
# The chapter's full MNIST training, NumPy against Nabla, on this machine, in one run.
#
#   benchmarks/vs-numpy.sh [ROUNDS] [-- extra `nabla train` flags, e.g. --backend jblas]
#
# Times benchmarks/numpy/chapter_train.py (the chapter's NumPy code: float32, 10000 iterations,
# batch 100, lr 0.1, hidden 50) and `./nabla train` with the same settings, taking turns, ROUNDS
# times each (default 3), and prints the median training time of each (the loop alone, data
# loading excluded, as each program reports it), the median wall time of the whole process and
# the ratio Nabla / NumPy. JDKS (space-separated JAVA_HOMEs) times Nabla on each of them; default:
# the java on PATH. NumPy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, so that its
# OpenBLAS picks the kernels of this CPU (the script prints which), or with NUMPY_CORETYPE set, those
# (NUMPY_CORETYPE=Haswell gives NumPy the AVX2 kernels, to pair with NABLA_JAVA_OPTS=-XX:UseAVX=2 for
# Nabla on an AVX-512 machine). Data: MNIST_DIR, else ../shared/datasets/mnist.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
data="${MNIST_DIR:-../shared/datasets/mnist}"
read -r -a jdks <<< "${JDKS:-}"
[ ${#jdks[@]} -eq 0 ] && jdks=("")

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }
numpy_env() {
  if [ -n "${NUMPY_CORETYPE:-}" ]; then
    env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE="$NUMPY_CORETYPE" "$@"
  else
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"
  fi
}
since() { awk -v end="$(now)" -v start="$1" 'BEGIN { print end - start }'; }

[ -n "${NABLA_JAVA_OPTS:-}" ] && echo "Nabla's JVM options (NABLA_JAVA_OPTS): $NABLA_JAVA_OPTS"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) processors;" \
  "ISA: $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || (grep -qw avx2 /proc/cpuinfo && echo AVX2 || uname -m))"

have_numpy=yes
if ! python3 -c 'import numpy' 2>/dev/null; then
  have_numpy=no
  echo "NumPy is missing here (python3 -c 'import numpy' failed): only Nabla is timed, no ratio."
else
  numpy_env python3 - <<'PY'
import ctypes, glob, os, numpy
core = "unknown"
for lib in glob.glob(os.path.join(os.path.dirname(numpy.__file__), "..", "numpy.libs", "*openblas*")):
    for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
        f = getattr(ctypes.CDLL(lib), name, None)
        if f:
            f.restype = ctypes.c_char_p
            core = f().decode()
print(f"NumPy {numpy.__version__}, OpenBLAS kernels: {core}")
PY
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./nabla --version >/dev/null  # builds on first use, outside the timings

numpy_train=(); numpy_wall=()
declare -A nabla_train nabla_wall
for ((r = 1; r <= rounds; r++)); do
  if [ "$have_numpy" = yes ]; then
    start=$(now)
    line=$(numpy_env python3 benchmarks/numpy/chapter_train.py \
      --data "$data" --dtype float32 | grep '^training_seconds')
    numpy_wall+=("$(since "$start")")
    numpy_train+=("${line#training_seconds }")
  fi
  for jdk in "${jdks[@]}"; do
    start=$(now)
    seconds=$(JAVA_HOME="$jdk" ./nabla train --data "$data" --dtype float32 --out "$out/run" --json "$@" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["seconds"])')
    nabla_wall[$jdk]+="$(since "$start") "
    nabla_train[$jdk]+="$seconds "
  done
  echo "round $r of $rounds done" >&2
done

printf '\n%-44s %16s %14s %16s\n' "program (median of $rounds)" "training s" "wall s" "training vs NumPy"
np_train=nan
if [ "$have_numpy" = yes ]; then
  np_train=$(printf '%s\n' "${numpy_train[@]}" | median)
  printf '%-44s %16.2f %14.2f %16s\n' "NumPy, float32" "$np_train" \
    "$(printf '%s\n' "${numpy_wall[@]}" | median)" "1.00"
fi
for jdk in "${jdks[@]}"; do
  name="Nabla ./nabla train${*:+ $*}, JDK $("${jdk:+$jdk/bin/}java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)"
  t=$(printf '%s\n' ${nabla_train[$jdk]} | median)
  w=$(printf '%s\n' ${nabla_wall[$jdk]} | median)
  ratio=$([ "$np_train" = nan ] && echo "-" || awk -v a="$t" -v b="$np_train" 'BEGIN { printf "%.2f", a / b }')
  printf '%-44s %16.2f %14.2f %16s\n' "$name" "$t" "$w" "$ratio"
done
