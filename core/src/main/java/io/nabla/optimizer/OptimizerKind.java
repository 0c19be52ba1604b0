package io.nabla.optimizer;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * The optimizers by name, with the usual settings besides the learning rate: what a command-line
 * flag or a configuration value chooses ({@code sgd}, {@code momentum}, {@code adagrad}, {@code
 * adam}).
 */
public enum OptimizerKind {
  /** Plain stochastic gradient descent, the chapter's. */
  SGD(Sgd::new),
  /** Momentum 0.9. */
  MOMENTUM(lr -> new Momentum(lr, 0.9)),
  /** AdaGrad. */
  ADAGRAD(AdaGrad::new),
  /** Adam with beta1 0.9, beta2 0.999. */
  ADAM(lr -> new Adam(lr, 0.9, 0.999));

  private final DoubleFunction<Optimizer> factory;

  OptimizerKind(DoubleFunction<Optimizer> factory) {
    this.factory = factory;
  }

  /** A new optimizer of this kind with learning rate {@code lr}. */
  public Optimizer create(double lr) {
    return factory.apply(lr);
  }

  /** The name as users type it, for example {@code sgd}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@link #label()}, as the command line lists the choices. */
  @Override
  public String toString() {
    return label();
  }

  /**
   * The kind with this name, in any case.
   *
   * @throws IllegalArgumentException naming the text and the choices
   */
  public static OptimizerKind parse(String text) {
    for (OptimizerKind kind : values()) {
      if (kind.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown optimizer '" + text + "'; expected one of "
        + Arrays.stream(values()).map(OptimizerKind::label).collect(Collectors.joining(", ")));
  }
}
