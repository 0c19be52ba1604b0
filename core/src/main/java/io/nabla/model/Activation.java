package io.nabla.model;

import io.nabla.backend.UnaryOp;
import io.nabla.layer.ElementwiseActivation;
import io.nabla.layer.Layer;

/**
 * The hidden-layer activations a {@link FeedForwardNet} can have, by the name users give them
 * everywhere one is chosen: the library, {@code nabla train --activation}, Spark's {@code
 * activation} param and the saved model's description. Each is an elementwise function ({@link
 * UnaryOp}) whose gradient automatic differentiation computes with one fused backward kernel
 * ({@link io.nabla.backend.TernaryOp}), so a new activation is a constant here, a {@link UnaryOp}
 * and a {@code TernaryOp}, and the line of {@code io.nabla.autograd.ElementwiseGradients} that
 * pairs them.
 */
public enum Activation {
  /** The logistic sigmoid, the chapter's choice. */
  SIGMOID(UnaryOp.SIGMOID),
  /** The rectifier {@code max(0, x)}. */
  RELU(UnaryOp.RELU),
  /** The hyperbolic tangent. */
  TANH(UnaryOp.TANH),
  /** The leaky rectifier {@code x > 0 ? x : 0.01 x}. */
  LEAKY_RELU(UnaryOp.LEAKY_RELU);

  private final UnaryOp function;

  Activation(UnaryOp function) {
    this.function = function;
  }

  /** The elementwise function. */
  public UnaryOp function() {
    return function;
  }

  /** A new layer computing this activation. */
  public Layer newLayer() {
    return new ElementwiseActivation(label(), function);
  }

  /** The name as users type it: {@code sigmoid}, {@code relu}, {@code tanh}, {@code leaky_relu}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The {@link #label()}, as the command line lists the choices. */
  @Override
  public String toString() {
    return label();
  }
}
