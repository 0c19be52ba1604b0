package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import io.nabla.tensor.Tensor;

/** Checks of optimizer settings and inputs, with messages that name the setting at fault. */
final class Hyperparameters {

  private Hyperparameters() {}

  static double positive(String optimizer, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          optimizer + ": " + name + " must be a positive finite number, got " + value);
    }
    return value;
  }

  static double fraction(String optimizer, String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(
          optimizer + ": " + name + " must be in [0, 1), got " + value);
    }
    return value;
  }

  /** The parameter's gradient, or an error that names the optimizer and the parameter. */
  static Tensor gradientOf(String optimizer, Parameter p) {
    if (!p.hasGrad()) {
      throw new IllegalStateException(
          optimizer + ".step: parameter '" + p.name() + "' has no gradient; run backward first");
    }
    return p.grad();
  }
}
