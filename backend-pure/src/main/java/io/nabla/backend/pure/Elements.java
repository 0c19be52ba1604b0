package io.nabla.backend.pure;

import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * Moves a tensor's elements to and from a {@code double[]}, so that each pure kernel is written
 * once, in double precision, for both dtypes; float32 results are rounded once, on write.
 */
final class Elements {

  private Elements() {}

  /** A fresh copy of the elements as doubles. */
  static double[] read(Tensor t) {
    if (t.dtype() == DType.FLOAT64) {
      return t.doubleData().clone();
    }
    float[] f = t.floatData();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** Stores {@code values} into {@code out}, rounding to its dtype. */
  static void write(double[] values, Tensor out) {
    if (out.dtype() == DType.FLOAT64) {
      System.arraycopy(values, 0, out.doubleData(), 0, values.length);
      return;
    }
    float[] f = out.floatData();
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
  }
}
