#!/usr/bin/env bash
# The book's SimpleConvNet training step, PyTorch and the book's NumPy method against Nabla, on
# this machine, in one run.
#
#   benchmarks/vs-pytorch.sh [ROUNDS]
#
# Times benchmarks/pytorch/conv_step.py (Debian's PyTorch, run by /usr/bin/python3: conv 30 5x5,
# ReLU, max pool 2x2, affine 100, ReLU, affine 10, Adam 0.001, a batch of 100 MNIST images, 2
# threads; 20 steps of warm-up, then 50 timed) and Nabla's JMH benchmark ConvTrainingStep (simd,
# float32, all threads: one fork, 3 warm-up and 3 measured iterations of 2 s), taking turns ROUNDS
# times (default 3), and prints the median milliseconds per step of each and the ratio Nabla /
# PyTorch and Nabla / NumPy. benchmarks/numpy/conv_step.py is the book's method in NumPy
# (im2col, float64; 5 steps of warm-up, then 10 timed), run by python3 with OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset so that its OpenBLAS picks this CPU's kernels. PyTorch runs in this
# machine's environment (OPENBLAS_CORETYPE as set: with it unset, Debian's OpenBLAS 0.3.21 falls
# back to slower kernels on CPUs it does not know) and OPENBLAS_NUM_THREADS=1 (its linear layers'
# BLAS on one thread beside its own two). On this 2-core VM a PyTorch process's step time is
# bimodal, 9-20 ms in some runs and 40-70 ms in others, with one thread or two, whatever the
# OpenMP and OpenBLAS settings tried: the table gives each program's median and its best round. NABLA_BENCH_JVM_OPTS adds
# JVM flags to Nabla's fork (e.g. -XX:UseAVX=2). Data: MNIST_DIR, else ../shared/datasets/mnist.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
data="$(realpath "${MNIST_DIR:-../shared/datasets/mnist}")"
python=/usr/bin/python3
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { sort -g | head -n 1; }

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) processors;" \
  "ISA: $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || (grep -qw avx2 /proc/cpuinfo && echo AVX2 || uname -m))"
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "vs-pytorch: PyTorch is missing ($python -c 'import torch' failed); install it with" \
    "apt-get install python3-torch libopenblas0-pthread" >&2
  exit 1
fi
"$python" -c 'import torch; print("PyTorch", torch.__version__, "BLAS:", [l for l in torch.__config__.show().splitlines() if "BLAS" in l][:1])'
jar=benchmarks/target/benchmarks.jar
./mvnw -B -q -DskipTests -pl benchmarks -am package >&2  # this tree's code, not an older jar
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
"$java" -version 2>&1 | head -n 1

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/numpy/conv_step.py "$data" 1 10 >"$out/numpy-$r.json"
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["ms_per_step"])' "$out/numpy-$r.json" >>"$out/numpy"
  OPENBLAS_NUM_THREADS=1 "$python" benchmarks/pytorch/conv_step.py "$data" 2 1 50 >"$out/torch-$r.json"
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["ms_per_step"])' "$out/torch-$r.json" >>"$out/torch"
  # shellcheck disable=SC2086 # NABLA_BENCH_JVM_OPTS is a list of JVM options
  MNIST_DIR="$data" "$java" --add-modules jdk.incubator.vector -jar "$jar" 'ConvTrainingStep.step$' \
    -p backend=simd -p dtype=float32 -p batch=100 -p threads=all -f 1 -wi 3 -w 2 -i 3 -r 2 \
    ${NABLA_BENCH_JVM_OPTS:+-jvmArgsAppend "$NABLA_BENCH_JVM_OPTS"} -rf json -rff "$out/nabla-$r.json" >"$out/nabla-$r.log" 2>&1 \
    || { echo "vs-pytorch: the JMH run failed; its log:" >&2; cat "$out/nabla-$r.log" >&2; exit 1; }
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"])' "$out/nabla-$r.json" >>"$out/nabla"
  echo "round $r of $rounds: NumPy $(tail -n 1 "$out/numpy") ms, PyTorch $(tail -n 1 "$out/torch") ms," \
    "Nabla $(tail -n 1 "$out/nabla") ms" >&2
done
numpy=$(median <"$out/numpy")
torch=$(median <"$out/torch")
nabla=$(median <"$out/nabla")
printf '%-40s %12s %10s\n' "SimpleConvNet step, batch 100, ms" "median of $rounds" "best"
printf '%-40s %12.2f %10.2f\n' "NumPy, the book's im2col (float64)" "$numpy" "$(best <"$out/numpy")" \
  "PyTorch (2 threads)" "$torch" "$(best <"$out/torch")" \
  "Nabla (simd, float32, 2 threads)" "$nabla" "$(best <"$out/nabla")"
awk -v n="$nabla" -v t="$torch" -v p="$numpy" -v nb="$(best <"$out/nabla")" -v tb="$(best <"$out/torch")" \
  -v pb="$(best <"$out/numpy")" 'BEGIN { printf "%-40s %12.2f %10.2f\n%-40s %12.2f %10.2f\n", "Nabla / PyTorch", n / t,
  nb / tb, "Nabla / NumPy", n / p, nb / pb }'
