package io.nabla.backend.jblas;

import io.nabla.backend.Availability;
import io.nabla.backend.HeapBackend;
import io.nabla.backend.Storage;
import java.util.function.Supplier;

/**
 * The jblas backend, {@code "jblas"}: GEMM through native BLAS ({@link JblasFloatKernels} and its generated float64 twin), the other
 * kernels as plain loops. Its native library is loaded on the first availability check, not at
 * discovery; where it cannot load (typically because {@code libgfortran5} is not installed) the
 * backend reports itself unavailable with that reason, default selection skips it, and asking for
 * it by name fails with the reason.
 *
 * <p>Safe to use from any number of threads.
 */
public final class JblasBackend extends HeapBackend {

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
    super(JblasFloatKernels::new, JblasDoubleKernels::new);
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

  /** Native GEMM, once the library is known to load (else a usage error with the reason). */
  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Storage a, Storage b, double beta, Storage c) {
    requireAvailable();
    super.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  /** A kernel call on a backend that cannot load is a usage error with the reason, not a crash. */
  private void requireAvailable() {
    Availability a = availability();
    if (!a.available()) {
      throw new IllegalStateException("backend 'jblas' is not available: " + a.reason());
    }
  }
}
