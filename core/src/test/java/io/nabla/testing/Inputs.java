package io.nabla.testing;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/** Reproducible random inputs for tests, placed on a chosen backend. */
public final class Inputs {

  private Inputs() {}

  /** Uniform values in {@code [low, high)} of the given dtype and shape, on {@code backend}. */
  public static Tensor uniform(
      Backend backend, long seed, double low, double high, DType dtype, int... shape) {
    return Tensors.randomUniform(backend, new SeededRandom(seed), low, high, dtype, shape);
  }

  /** A float64 copy on the reference backend: the exact input of the oracle. */
  public static Tensor forOracle(Tensor t) {
    return t.asType(DType.FLOAT64).on(ReferenceBackend.ORACLE);
  }
}
