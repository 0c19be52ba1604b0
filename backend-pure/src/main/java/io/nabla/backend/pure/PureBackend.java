package io.nabla.backend.pure;

import io.nabla.backend.HeapStorage;
import io.nabla.backend.Availability;
import io.nabla.backend.LoopKernels;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * The plain-Java backend, {@code "pure"}: runs everywhere and is the baseline the others are
 * measured against. GEMM is {@link PureFloatGemm}'s (and its generated float64 twin's) cache-friendly loops; every other kernel is the
 * plain loop of {@link LoopKernels}.
 *
 * <p>Stateless, so safe to use from any number of threads.
 */
public final class PureBackend extends LoopKernels {

  /** The name users select this backend by. */
  public static final String NAME = "pure";

  /** Creates the backend; it holds no state. */
  public PureBackend() {}

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

  @Override
  public void gemm(
      boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    int m = c.rows();
    int n = c.cols();
    int k = transA ? a.rows() : a.cols();
    if (a.dtype() == DType.FLOAT32) {
      PureFloatGemm.gemm(transA, transB, m, n, k, (float) alpha, HeapStorage.floats(a), HeapStorage.floats(b),
          (float) beta, HeapStorage.floats(c));
    } else {
      PureDoubleGemm.gemm(transA, transB, m, n, k, alpha, HeapStorage.doubles(a), HeapStorage.doubles(b), beta,
          HeapStorage.doubles(c));
    }
  }
}
