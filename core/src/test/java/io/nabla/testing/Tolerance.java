package io.nabla.testing;

import io.nabla.backend.DType;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;

/**
 * Comparison of a backend's result with the double-precision oracle, with tolerances stated per
 * dtype. Elementwise results may differ from the oracle by {@code RELATIVE} of its magnitude
 * (float32: 16 units in the last place, room for vectorized exp and log; float64: about 4500
 * ulps, still 1e-12) plus {@code ABSOLUTE} near zero. Accumulating kernels get a bound that
 * grows with the number of terms, the textbook bound for summation.
 */
public final class Tolerance {

  private Tolerance() {}

  /** Unit roundoff of a dtype: half the distance from 1 to the next representable number. */
  public static double unitRoundoff(DType dtype) {
    return dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
  }

  /** Relative tolerance for elementwise results. */
  public static double relative(DType dtype) {
    return dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
  }

  /** Absolute tolerance for elementwise results that are (nearly) zero. */
  public static double absolute(DType dtype) {
    return dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
  }

  /**
   * Asserts elementwise agreement of {@code actual} with {@code oracle}: same shape, and each
   * element within {@code absolute(dtype) + relative(dtype) * |oracle|}; NaN and infinities must
   * match exactly.
   */
  public static void assertClose(String context, Tensor oracle, Tensor actual) {
    DType dtype = actual.dtype();
    assertClose(context, oracle, actual, absolute(dtype), relative(dtype), null);
  }

  /**
   * Asserts that each element of {@code actual} is within {@code absolute + relative * |oracle|
   * + bound[i]} of {@code oracle}; {@code bound} may be null.
   */
  public static void assertClose(
      String context, Tensor oracle, Tensor actual, double absolute, double relative,
      double[] bound) {
    if (!actual.hasShape(oracle.shape())) {
      throw new AssertionError(
          context + ": shape " + Shapes.format(actual.shape()) + ", expected "
              + Shapes.format(oracle.shape()));
    }
    for (int i = 0; i < oracle.size(); i++) {
      double want = oracle.getFlat(i);
      double got = actual.getFlat(i);
      if (Double.isNaN(want) || Double.isInfinite(want)) {
        if (Double.compare(want, actual.dtype().round(got)) != 0
            && !(Double.isNaN(want) && Double.isNaN(got))) {
          throw new AssertionError(context + ": element " + i + " is " + got + ", expected " + want);
        }
        continue;
      }
      double allowed = absolute + relative * Math.abs(want) + (bound == null ? 0 : bound[i]);
      if (!(Math.abs(got - want) <= allowed)) {
        throw new AssertionError(
            context + ": element " + i + " is " + got + ", expected " + want + " (error "
                + Math.abs(got - want) + " > allowed " + allowed + ")");
      }
    }
  }
}
