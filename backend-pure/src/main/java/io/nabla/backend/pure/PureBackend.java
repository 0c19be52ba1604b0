package io.nabla.backend.pure;

import io.nabla.backend.Availability;
import io.nabla.backend.HeapBackend;

/**
 * The plain-Java backend, {@code "pure"}: runs everywhere and is the baseline the others are
 * measured against. GEMM is {@link PureFloatKernels}'s (and its generated float64 twin's)
 * cache-friendly loops; every other kernel is the plain loop of {@link
 * io.nabla.backend.FloatArrayKernels}.
 *
 * <p>Stateless, so safe to use from any number of threads.
 */
public final class PureBackend extends HeapBackend {

  /** The name users select this backend by. */
  public static final String NAME = "pure";

  /** Creates the backend; it holds no state. */
  public PureBackend() {
    super(PureFloatKernels::new, PureDoubleKernels::new);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }
}
