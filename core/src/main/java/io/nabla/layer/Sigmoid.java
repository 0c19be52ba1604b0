package io.nabla.layer;

import io.nabla.backend.DType;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;

/** The logistic activation {@code y = 1 / (1 + e^-x)}; backward {@code dx = dout * y * (1 - y)}. */
public final class Sigmoid extends ElementwiseActivation {

  /** A sigmoid layer. */
  public Sigmoid() {
    super("sigmoid", UnaryOp.SIGMOID, TernaryOp.SIGMOID_BACKWARD);
  }

  @Override
  public Sigmoid asType(DType dtype) {
    return new Sigmoid();
  }
}
