package io.nabla.backend.simd;

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
      SimdFloatGemm.gemm(transA, transB, m, n, k, (float) alpha, a.floatData(), b.floatData(),
          (float) beta, c.floatData());
    } else {
      SimdDoubleGemm.gemm(transA, transB, m, n, k, alpha, a.doubleData(), b.doubleData(), beta,
          c.doubleData());
    }
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    if (isFloat(y)) {
      SimdFloatKernels.axpy((float) alpha, x.floatData(), y.floatData());
    } else {
      SimdDoubleKernels.axpy(alpha, x.doubleData(), y.doubleData());
    }
  }

  @Override
  public void scale(double alpha, Tensor x) {
    if (isFloat(x)) {
      SimdFloatKernels.scale((float) alpha, x.floatData());
    } else {
      SimdDoubleKernels.scale(alpha, x.doubleData());
    }
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    boolean done = isFloat(x)
        ? SimdFloatKernels.map(op, x.floatData(), out.floatData())
        : SimdDoubleKernels.map(op, x.doubleData(), out.doubleData());
    if (!done) {
      super.map(op, x, out);
    }
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    boolean done = isFloat(a)
        ? SimdFloatKernels.zip(op, a.floatData(), b.floatData(), out.floatData())
        : SimdDoubleKernels.zip(op, a.doubleData(), b.doubleData(), out.doubleData());
    if (!done) {
      super.zip(op, a, b, out);
    }
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    boolean done = isFloat(a)
        ? SimdFloatKernels.zipScalar(op, a.floatData(), (float) scalar, out.floatData())
        : SimdDoubleKernels.zipScalar(op, a.doubleData(), scalar, out.doubleData());
    if (!done) {
      super.zipScalar(op, a, scalar, out);
    }
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    boolean done = isFloat(a)
        ? SimdFloatKernels.zipRowVector(op, a.floatData(), row.floatData(), out.floatData())
        : SimdDoubleKernels.zipRowVector(op, a.doubleData(), row.doubleData(), out.doubleData());
    if (!done) {
      super.zipRowVector(op, a, row, out);
    }
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    boolean done = isFloat(x)
        ? SimdFloatKernels.reduce(op, x.floatData(), outer, length, inner, out.floatData())
        : SimdDoubleKernels.reduce(op, x.doubleData(), outer, length, inner, out.doubleData());
    if (!done) {
      super.reduce(op, x, outer, length, inner, out);
    }
  }

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    int n = x.rank() == 0 ? 1 : x.dim(-1);
    if (isFloat(x)) {
      SimdFloatKernels.softmaxRows(x.floatData(), n, out.floatData());
    } else {
      SimdDoubleKernels.softmaxRows(x.doubleData(), n, out.doubleData());
    }
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    if (isFloat(y)) {
      SimdFloatKernels.sigmoidBackward(y.floatData(), gradOut.floatData(), gradIn.floatData());
    } else {
      SimdDoubleKernels.sigmoidBackward(y.doubleData(), gradOut.doubleData(), gradIn.doubleData());
    }
  }
}
