package io.nabla.backend.simd;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.DType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the SIMD training kernels on small inputs in a background thread, so that C2 compiles them
 * while the caller loads data. Until C2 has compiled it, Vector API code runs in the interpreter
 * or C1, where every vector operation allocates: measured on the chapter's run (JDK 25, AVX-512),
 * the first evaluation, 70 products of [1000, 784] x [784, 50] right after the first update, took
 * about 2 s of the 7.3 s of training that way. The inputs cover the chapter's widths (50 and 10),
 * both transposes and the edge tiles; results are thrown away.
 */
final class KernelWarmUp {

  /** Rounds of every kernel: enough calls and loop iterations for C2's compile thresholds. */
  private static final int ROUNDS = 3000;

  private static final Set<DType> STARTED = ConcurrentHashMap.newKeySet();

  private KernelWarmUp() {}

  /**
   * Starts warming the kernels of {@code dtype}, once per JVM and dtype; returns at once, true if
   * this call started it.
   */
  static boolean start(DType dtype) {
    if (!STARTED.add(dtype)) {
      return false;
    }
    Thread thread = new Thread(() -> run(dtype), "nabla-simd-warmup-" + dtype.label());
    thread.setDaemon(true);
    thread.start();
    return true;
  }

  /** The warm-up itself, on the calling thread. */
  static void run(DType dtype) {
    if (dtype == DType.FLOAT32) {
      float32();
    } else {
      float64();
    }
  }

  private static float[] floats(int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (i % 17 - 8) / 8f;
    }
    return x;
  }

  private static double[] doubles(int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = (i % 17 - 8) / 8.0;
    }
    return x;
  }

  private static void float32() {
    int m = 13;
    int k = 64;
    float[] x = floats(m * k);
    float[] w1 = floats(k * 50);
    float[] h = floats(m * 50);
    float[] w2 = floats(50 * 10);
    float[] s = floats(m * 10);
    float[] dw1 = floats(k * 50);
    float[] b1 = floats(50);
    for (int round = 0; round < ROUNDS; round++) {
      SimdFloatGemm.gemm(false, false, m, 50, k, 1, x, w1, 0, h);
      SimdFloatKernels.zipRowVector(BinaryOp.ADD, h, b1, h);
      SimdFloatKernels.map(UnaryOp.SIGMOID, h, h);
      SimdFloatGemm.gemm(false, false, m, 10, 50, 1, h, w2, 0, s);
      SimdFloatKernels.softmaxRows(s, 10, s);
      SimdFloatKernels.softmaxRows(h, 50, h);
      SimdFloatGemm.gemm(false, true, m, 50, 10, 1, s, w2, 0, h);
      SimdFloatKernels.sigmoidBackward(h, h, h);
      SimdFloatGemm.gemm(true, false, k, 50, m, 1, x, h, 0, dw1);
      SimdFloatGemm.gemm(true, false, 50, 10, m, 0.5f, h, s, 1, w2);
      SimdFloatKernels.reduce(ReduceOp.SUM, h, 1, m, 50, b1);
      SimdFloatKernels.axpy(-1e-9f, dw1, w1);
      SimdFloatKernels.map(UnaryOp.EXP, b1, b1);
    }
  }

  private static void float64() {
    int m = 13;
    int k = 64;
    double[] x = doubles(m * k);
    double[] w1 = doubles(k * 50);
    double[] h = doubles(m * 50);
    double[] w2 = doubles(50 * 10);
    double[] s = doubles(m * 10);
    double[] dw1 = doubles(k * 50);
    double[] b1 = doubles(50);
    for (int round = 0; round < ROUNDS; round++) {
      SimdDoubleGemm.gemm(false, false, m, 50, k, 1, x, w1, 0, h);
      SimdDoubleKernels.zipRowVector(BinaryOp.ADD, h, b1, h);
      SimdDoubleKernels.map(UnaryOp.SIGMOID, h, h);
      SimdDoubleGemm.gemm(false, false, m, 10, 50, 1, h, w2, 0, s);
      SimdDoubleKernels.softmaxRows(s, 10, s);
      SimdDoubleKernels.softmaxRows(h, 50, h);
      SimdDoubleGemm.gemm(false, true, m, 50, 10, 1, s, w2, 0, h);
      SimdDoubleKernels.sigmoidBackward(h, h, h);
      SimdDoubleGemm.gemm(true, false, k, 50, m, 1, x, h, 0, dw1);
      SimdDoubleGemm.gemm(true, false, 50, 10, m, 0.5, h, s, 1, w2);
      SimdDoubleKernels.reduce(ReduceOp.SUM, h, 1, m, 50, b1);
      SimdDoubleKernels.axpy(-1e-9, dw1, w1);
      SimdDoubleKernels.map(UnaryOp.EXP, b1, b1);
    }
  }
}
