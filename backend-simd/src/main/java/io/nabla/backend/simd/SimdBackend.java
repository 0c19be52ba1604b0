package io.nabla.backend.simd;

import io.nabla.backend.HeapStorage;
import io.nabla.backend.Availability;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.LoopKernels;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * The SIMD backend, {@code "simd"}: kernels on the JDK Vector API ({@link SimdFloatGemm}, {@link
 * SimdFloatKernels}, {@link DeterministicExp} and their float64 versions), plain loops for the rest.
 *
 * <p>It needs the incubator module {@code jdk.incubator.vector} in the boot layer (the build, the
 * tests, the benchmarks and the {@code ./nabla} launcher add it). Without it the backend reports
 * itself unavailable and says how to enable it; this class touches no Vector API class until a
 * kernel runs, so discovery works either way.
 *
 * <p>Priority: {@link #priority()}. Safe to use from any number of threads.
 */
public final class SimdBackend extends LoopKernels {

  /** The name users select this backend by. */
  public static final String NAME = "simd";

  /** The module the Vector API lives in. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** Creates the backend; it holds no state. */
  public SimdBackend() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * 20, above jblas's 10, where vectors are at least 256 bits wide: there it was measured the
   * fastest backend on JDK 17 and JDK 25 alike (its kernels use no masked operations, the ones
   * that are slow on JDK 17). With narrower vectors (128-bit SSE or NEON), where that was not
   * measured, it ranks 5: above the plain loops, below native BLAS.
   */
  @Override
  public int priority() {
    return availability().available() && VectorWidth.preferredBits() < 256 ? 5 : 20;
  }

  @Override
  public String details() {
    return availability().available()
        ? VectorWidth.describe() + "; " + GemmTiling.current().describe()
        : "";
  }

  @Override
  public Availability availability() {
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return Availability.no("the JDK Vector API module is not enabled: start java with"
          + " '--add-modules " + VECTOR_MODULE + "' (the ./nabla launcher, the Maven build and"
          + " the benchmarks add it for you)");
    }
    return Availability.yes();
  }

  /** Starts {@link KernelWarmUp} for {@code dtype} (once), when the backend is available. */
  @Override
  public void warmUp(DType dtype) {
    if (availability().available()) {
      KernelWarmUp.start(dtype);
    }
  }

  /** Joins the {@link KernelWarmUp} thread of {@code dtype}, if one was started. */
  @Override
  public void awaitWarmUp(DType dtype) throws InterruptedException {
    KernelWarmUp.await(dtype);
  }

  private static boolean isFloat(Tensor t) {
    return t.dtype() == DType.FLOAT32;
  }

  @Override
  public void gemm(
      boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    int m = c.rows();
    int n = c.cols();
    int k = transA ? a.rows() : a.cols();
    if (isFloat(a)) {
      SimdFloatGemm.gemm(transA, transB, m, n, k, (float) alpha, HeapStorage.floats(a), HeapStorage.floats(b),
          (float) beta, HeapStorage.floats(c));
    } else {
      SimdDoubleGemm.gemm(transA, transB, m, n, k, alpha, HeapStorage.doubles(a), HeapStorage.doubles(b), beta,
          HeapStorage.doubles(c));
    }
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    if (isFloat(y)) {
      SimdFloatKernels.axpy((float) alpha, HeapStorage.floats(x), HeapStorage.floats(y));
    } else {
      SimdDoubleKernels.axpy(alpha, HeapStorage.doubles(x), HeapStorage.doubles(y));
    }
  }

  @Override
  public void scale(double alpha, Tensor x) {
    if (isFloat(x)) {
      SimdFloatKernels.scale((float) alpha, HeapStorage.floats(x));
    } else {
      SimdDoubleKernels.scale(alpha, HeapStorage.doubles(x));
    }
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    boolean done = isFloat(x)
        ? SimdFloatKernels.map(op, HeapStorage.floats(x), HeapStorage.floats(out))
        : SimdDoubleKernels.map(op, HeapStorage.doubles(x), HeapStorage.doubles(out));
    if (!done) {
      super.map(op, x, out);
    }
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    boolean done = isFloat(a)
        ? SimdFloatKernels.zip(op, HeapStorage.floats(a), HeapStorage.floats(b), HeapStorage.floats(out))
        : SimdDoubleKernels.zip(op, HeapStorage.doubles(a), HeapStorage.doubles(b), HeapStorage.doubles(out));
    if (!done) {
      super.zip(op, a, b, out);
    }
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    boolean done = isFloat(a)
        ? SimdFloatKernels.zipScalar(op, HeapStorage.floats(a), (float) scalar, HeapStorage.floats(out))
        : SimdDoubleKernels.zipScalar(op, HeapStorage.doubles(a), scalar, HeapStorage.doubles(out));
    if (!done) {
      super.zipScalar(op, a, scalar, out);
    }
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    boolean done = isFloat(a)
        ? SimdFloatKernels.zipRowVector(op, HeapStorage.floats(a), HeapStorage.floats(row), HeapStorage.floats(out))
        : SimdDoubleKernels.zipRowVector(op, HeapStorage.doubles(a), HeapStorage.doubles(row), HeapStorage.doubles(out));
    if (!done) {
      super.zipRowVector(op, a, row, out);
    }
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    boolean done = isFloat(x)
        ? SimdFloatKernels.reduce(op, HeapStorage.floats(x), outer, length, inner, HeapStorage.floats(out))
        : SimdDoubleKernels.reduce(op, HeapStorage.doubles(x), outer, length, inner, HeapStorage.doubles(out));
    if (!done) {
      super.reduce(op, x, outer, length, inner, out);
    }
  }

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    int n = x.rank() == 0 ? 1 : x.dim(-1);
    if (isFloat(x)) {
      SimdFloatKernels.softmaxRows(HeapStorage.floats(x), n, HeapStorage.floats(out));
    } else {
      SimdDoubleKernels.softmaxRows(HeapStorage.doubles(x), n, HeapStorage.doubles(out));
    }
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    if (isFloat(y)) {
      SimdFloatKernels.sigmoidBackward(HeapStorage.floats(y), HeapStorage.floats(gradOut), HeapStorage.floats(gradIn));
    } else {
      SimdDoubleKernels.sigmoidBackward(HeapStorage.doubles(y), HeapStorage.doubles(gradOut), HeapStorage.doubles(gradIn));
    }
  }
}
