package io.nabla.layer;

import io.nabla.backend.UnaryOp;

/** The logistic activation {@code y = 1 / (1 + e^-x)}; its gradient is {@code dout * y * (1 - y)}. */
public final class Sigmoid extends ElementwiseActivation {

  /** A sigmoid layer. */
  public Sigmoid() {
    super("sigmoid", UnaryOp.SIGMOID);
  }
}
