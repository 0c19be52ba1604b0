package io.nabla.gradcheck;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Numerical derivatives of plain functions. The central difference {@code (f(x+h) - f(x-h)) /
 * 2h} with {@code h = 1e-4} is the chapter's choice: a much smaller {@code h} loses everything to
 * rounding, and a one-sided difference has an error of order {@code h} instead of {@code h^2}.
 */
public final class Derivatives {

  /** The chapter's step {@code h = 1e-4}. */
  public static final double DEFAULT_STEP = 1e-4;

  private Derivatives() {}

  /** The central-difference derivative of {@code f} at {@code x} with {@code h = 1e-4}. */
  public static double central(DoubleUnaryOperator f, double x) {
    return central(f, x, DEFAULT_STEP);
  }

  /** The central-difference derivative {@code (f(x+h) - f(x-h)) / 2h}. */
  public static double central(DoubleUnaryOperator f, double x, double h) {
    checkStep(h);
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  /**
   * The forward difference {@code (f(x+h) - f(x)) / h}, shown by the chapter as the naive form:
   * with {@code h = 1e-50} it returns 0 because {@code x + h == x} in floating point.
   */
  public static double forward(DoubleUnaryOperator f, double x, double h) {
    checkStep(h);
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x)) / h;
  }

  /** The tangent line of {@code f} at {@code x}, slope from the central difference. */
  public static TangentLine tangentLine(DoubleUnaryOperator f, double x) {
    double slope = central(f, x);
    return new TangentLine(slope, f.applyAsDouble(x) - slope * x);
  }

  /**
   * The gradient of {@code f} at {@code x} by central differences, one coordinate at a time, as
   * the chapter's {@code numerical_gradient}. {@code x} is perturbed during the call and restored
   * before it returns, even if {@code f} throws.
   */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    return gradient(f, x, DEFAULT_STEP);
  }

  /** {@link #gradient(ToDoubleFunction, double[])} with step {@code h}. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
    checkStep(h);
    double[] grad = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double saved = x[i];
      try {
        x[i] = saved + h;
        double plus = f.applyAsDouble(x);
        x[i] = saved - h;
        double minus = f.applyAsDouble(x);
        grad[i] = (plus - minus) / (2 * h);
      } finally {
        x[i] = saved;
      }
    }
    return grad;
  }

  static void checkStep(double h) {
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("step h must be a positive finite number, got " + h);
    }
  }
}
