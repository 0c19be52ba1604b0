package io.nabla.backend.simd;

import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.ReductionOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Map;
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

  /** The warm-up thread of each dtype started in this JVM. */
  private static final Map<DType, Thread> STARTED = new ConcurrentHashMap<>();

  private KernelWarmUp() {}

  /**
   * Starts warming the kernels of {@code dtype}, once per JVM and dtype; returns at once, true if
   * this call started it.
   */
  static boolean start(DType dtype) {
    Thread thread = new Thread(() -> run(dtype), "nabla-simd-warmup-" + dtype.label());
    thread.setDaemon(true);
    if (STARTED.putIfAbsent(dtype, thread) != null) {
      return false;
    }
    thread.start();
    return true;
  }

  /** Waits for the warm-up of {@code dtype} to end; at once if none was started. */
  static void await(DType dtype) throws InterruptedException {
    Thread thread = STARTED.get(dtype);
    if (thread != null) {
      thread.join();
    }
  }

  /** The warm-up itself, on the calling thread: the step's kernels, through core's operations. */
  static void run(DType dtype) {
    SimdBackend simd = new SimdBackend();
    SeededRandom random = new SeededRandom(1);
    int m = 13;
    int k = 64;
    Tensor x = Tensors.randomUniform(simd, random, -1, 1, dtype, m, k);
    Tensor w1 = Tensors.randomUniform(simd, random, -0.1, 0.1, dtype, k, 50);
    Tensor b1 = Tensors.zeros(simd, dtype, 50);
    Tensor w2 = Tensors.randomUniform(simd, random, -0.1, 0.1, dtype, 50, 10);
    Tensor h = Tensors.zeros(simd, dtype, m, 50);
    Tensor s = Tensors.zeros(simd, dtype, m, 10);
    Tensor dw1 = Tensors.zeros(simd, dtype, k, 50);
    for (int round = 0; round < ROUNDS; round++) {
      MatrixOps.gemm(false, false, 1, x, w1, 0, h);
      h.addi(b1);
      ElementwiseOps.map(UnaryOp.SIGMOID, h, h);
      MatrixOps.gemm(false, false, 1, h, w2, 0, s);
      NeuralOps.softmax(s, s);
      NeuralOps.softmax(h, h);
      MatrixOps.gemm(false, true, 1, s, w2, 0, h);
      ElementwiseOps.ternary(TernaryOp.SIGMOID_BACKWARD, h, h, h, h);
      MatrixOps.gemm(true, false, 1, x, h, 0, dw1);
      MatrixOps.gemm(true, false, 0.5, h, s, 1, w2);
      ReductionOps.sum(h, 0, b1);
      ElementwiseOps.axpy(-1e-9, dw1, w1);
      ElementwiseOps.map(UnaryOp.EXP, b1, b1);
    }
  }
}
