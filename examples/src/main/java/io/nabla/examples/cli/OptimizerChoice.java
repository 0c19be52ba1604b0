package io.nabla.examples.cli;

import io.nabla.optimizer.AdaGrad;
import io.nabla.optimizer.Adam;
import io.nabla.optimizer.Momentum;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.Sgd;

/** The optimizers {@code --optimizer} offers, with the usual settings besides the learning rate. */
enum OptimizerChoice {
  /** Plain stochastic gradient descent, the chapter's. */
  SGD {
    @Override
    Optimizer create(double lr) {
      return new Sgd(lr);
    }
  },
  /** Momentum 0.9. */
  MOMENTUM {
    @Override
    Optimizer create(double lr) {
      return new Momentum(lr, 0.9);
    }
  },
  /** AdaGrad. */
  ADAGRAD {
    @Override
    Optimizer create(double lr) {
      return new AdaGrad(lr);
    }
  },
  /** Adam with beta1 0.9, beta2 0.999. */
  ADAM {
    @Override
    Optimizer create(double lr) {
      return new Adam(lr, 0.9, 0.999);
    }
  };

  /** A new optimizer of this kind with learning rate {@code lr}. */
  abstract Optimizer create(double lr);

  /** The name as users type it, for example {@code sgd}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
