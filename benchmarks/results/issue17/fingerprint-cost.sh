#!/usr/bin/env bash
# What recording the data's SHA-256 in a saved model costs at the start of `nabla train`: the
# chapter's float32 MNIST load alone, followed by DatasetFingerprint.ofMnistLayout, and with the
# fingerprint on a thread of its own beside the load, each in a fresh JVM (the start is what a user times), and
# the chapter's NumPy load_mnist (benchmarks/numpy/chapter_train.py, interpreter start excluded as the
# JVM's is), taking turns for ROUNDS rounds; medians in ms.
#
#   benchmarks/results/issue17/fingerprint-cost.sh ROUNDS
#
# Needs the built ./nabla jar (examples/target/nabla.jar). Data: MNIST_DIR, else ../shared/datasets/mnist.
set -euo pipefail
rounds="${1:-7}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
data="$(realpath "${MNIST_DIR:-$root/../shared/datasets/mnist}")"
jar="$root/examples/target/nabla.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/LoadThenFingerprint.java" <<'JAVA'
import io.nabla.backend.Backends;
import io.nabla.data.DatasetFingerprint;
import io.nabla.data.MnistLoader;
import io.nabla.backend.DType;
import java.nio.file.Path;

public class LoadThenFingerprint {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    long start = System.nanoTime();
    java.util.concurrent.FutureTask<DatasetFingerprint> beside =
        new java.util.concurrent.FutureTask<>(() -> DatasetFingerprint.ofMnistLayout("mnist", dir));
    if (args[0].equals("load-beside-fingerprint")) {
      Thread t = new Thread(beside);
      t.setDaemon(true);
      t.start();
    }
    MnistLoader.load(dir, true, true, DType.FLOAT32, Backends.get("pure"));
    if (args[0].equals("load+fingerprint")) {
      DatasetFingerprint.ofMnistLayout("mnist", dir);
    } else if (args[0].equals("load-beside-fingerprint")) {
      beside.get();
    }
    System.out.printf("%.1f%n", (System.nanoTime() - start) / 1e6);
  }
}
JAVA
javac -cp "$jar" -d "$work" "$work/LoadThenFingerprint.java"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: > "$work/load"; : > "$work/load+fingerprint"; : > "$work/load-beside-fingerprint"; : > "$work/numpy-load"
for _ in $(seq "$rounds"); do
  for mode in load load+fingerprint load-beside-fingerprint; do
    java -cp "$jar:$work" LoadThenFingerprint "$mode" "$data" >> "$work/$mode"
  done
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 -c "import sys, time; sys.path.insert(0, '$root/benchmarks/numpy')
import numpy as np, chapter_train as c
start = time.perf_counter(); c.load_mnist(sys.argv[1], np.dtype('float32')); print(f'{(time.perf_counter() - start) * 1e3:.1f}')" \
    "$data" >> "$work/numpy-load"
done
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')); ISA: $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo AVX2)$(grep -qw sha_ni /proc/cpuinfo && echo ', SHA-NI'); $(java -version 2>&1 | head -n 1); $rounds rounds"
for mode in load load+fingerprint load-beside-fingerprint numpy-load; do
  echo "$mode: median $(median < "$work/$mode") ms of: $(tr '\n' ' ' < "$work/$mode")"
done
