package io.nabla.backend.jblas;

import io.nabla.backend.HeapStorage;
import io.nabla.backend.Availability;
import io.nabla.backend.LoopKernels;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import java.util.function.Supplier;

/**
 * The jblas backend, {@code "jblas"}: GEMM through native BLAS ({@link JblasFloatGemm} and its generated float64 twin), the other
 * kernels as plain loops. Its native library is loaded on the first availability check, not at
 * discovery; where it cannot load (typically because {@code libgfortran5} is not installed) the
 * backend reports itself unavailable with that reason, default selection skips it, and asking for
 * it by name fails with the reason.
 *
 * <p>Safe to use from any number of threads.
 */
public final class JblasBackend extends LoopKernels {

  /** The name users select this backend by. */
  public static final String NAME = "jblas";

  private final Supplier<Availability> probe;
  private volatile Availability availability;

  /** The backend; the native library is loaded when availability is first asked for. */
  public JblasBackend() {
    this(NativeLibraryProbe::probe);
  }

  /** A backend whose availability comes from {@code probe}: for testing the failure path. */
  JblasBackend(Supplier<Availability> probe) {
    this.probe = probe;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Above the pure backend: native GEMM is several times faster than plain loops. */
  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Availability availability() {
    Availability known = availability;
    if (known == null) {
      synchronized (this) {
        known = availability;
        if (known == null) {
          known = probe.get();
          availability = known;
        }
      }
    }
    return known;
  }

  @Override
  public String details() {
    return "native BLAS bundled with jblas 1.2.5, called through JNI";
  }

  @Override
  public void gemm(
      boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    requireAvailable();
    int m = c.rows();
    int n = c.cols();
    int k = transA ? a.rows() : a.cols();
    if (a.dtype() == DType.FLOAT32) {
      JblasFloatGemm.gemm(transA, transB, m, n, k, (float) alpha, HeapStorage.floats(a), HeapStorage.floats(b),
          (float) beta, HeapStorage.floats(c));
    } else {
      JblasDoubleGemm.gemm(transA, transB, m, n, k, alpha, HeapStorage.doubles(a), HeapStorage.doubles(b), beta,
          HeapStorage.doubles(c));
    }
  }

  /** A kernel call on a backend that cannot load is a usage error with the reason, not a crash. */
  private void requireAvailable() {
    Availability a = availability();
    if (!a.available()) {
      throw new IllegalStateException("backend 'jblas' is not available: " + a.reason());
    }
  }
}
