package io.nabla.layer;

import io.nabla.backend.DType;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;

/** The rectifier {@code y = max(0, x)}; backward passes {@code dout} where {@code x > 0}. */
public final class Relu extends ElementwiseActivation {

  /** A ReLU layer. */
  public Relu() {
    super("relu", UnaryOp.RELU, TernaryOp.RELU_BACKWARD);
  }

  @Override
  public Relu asType(DType dtype) {
    return new Relu();
  }
}
