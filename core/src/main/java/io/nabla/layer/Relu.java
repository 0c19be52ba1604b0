package io.nabla.layer;

import io.nabla.backend.UnaryOp;

/** The rectifier {@code y = max(0, x)}; its gradient passes {@code dout} where {@code x > 0}. */
public final class Relu extends ElementwiseActivation {

  /** A ReLU layer. */
  public Relu() {
    super("relu", UnaryOp.RELU);
  }
}
