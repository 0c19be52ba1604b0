#!/usr/bin/env bash
# Builds Nabla and runs the benchmark suite: benchmarks/run.sh [quick|full]
# quick: the main cases, under 3 minutes on 2 cores; full: every parameter, for publishing.
# Writes benchmarks/results/MODE/{results.json,report.md,training-step.png}.
# Set MNIST_DIR to benchmark on real MNIST batches (synthetic data of the same shape otherwise).
# NABLA_BENCH_JVM_OPTS adds JVM flags to the run and every fork, for example -XX:UseAVX=2 to measure
# the AVX2 code path (16 vector registers) on an AVX-512 machine; the report's header names them.
# The GEMM table's native reference (OpenBLAS) uses OPENBLAS_CORETYPE where it is set.
set -euo pipefail
mode="${1:-quick}"
case "$mode" in quick|full) ;; *) echo "usage: $0 [quick|full]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
# shellcheck disable=SC2086 # NABLA_BENCH_JVM_OPTS is a list of JVM options
exec "$java" --add-modules jdk.incubator.vector ${NABLA_BENCH_JVM_OPTS:-} -cp benchmarks/target/benchmarks.jar \
  io.nabla.benchmarks.Report "$mode" "benchmarks/results/$mode"
