package io.nabla.examples.cli;

import io.nabla.optimizer.AdaGrad;
import io.nabla.optimizer.Adam;
import io.nabla.optimizer.Momentum;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.Sgd;
import java.util.Locale;

/** Optimizers by the names the command line takes. */
final class Optimizers {

  private Optimizers() {}

  /** The optimizer called {@code name} with learning rate {@code lr} (other settings usual). */
  static Optimizer byName(String name, double lr) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "sgd":
        return new Sgd(lr);
      case "momentum":
        return new Momentum(lr, 0.9);
      case "adagrad":
        return new AdaGrad(lr);
      case "adam":
        return new Adam(lr, 0.9, 0.999);
      default:
        throw new IllegalArgumentException(
            "unknown optimizer '" + name + "'; expected sgd, momentum, adagrad or adam");
    }
  }
}
