package io.nabla.model;

import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.layer.ElementwiseActivation;
import io.nabla.layer.Layer;

/**
 * The hidden-layer activations a {@link FeedForwardNet} can have, by the name users give them
 * everywhere one is chosen: the library, {@code nabla train --activation}, Spark's {@code
 * activation} param and the saved model's description. Each is an elementwise forward function
 * and its fused backward pass, so a new activation is a constant here (with its {@link UnaryOp}
 * and {@link TernaryOp}).
 */
public enum Activation {
  /** The logistic sigmoid, the chapter's choice. */
  SIGMOID(UnaryOp.SIGMOID, TernaryOp.SIGMOID_BACKWARD),
  /** The rectifier {@code max(0, x)}. */
  RELU(UnaryOp.RELU, TernaryOp.RELU_BACKWARD),
  /** The hyperbolic tangent. */
  TANH(UnaryOp.TANH, TernaryOp.TANH_BACKWARD),
  /** The leaky rectifier {@code x > 0 ? x : 0.01 x}. */
  LEAKY_RELU(UnaryOp.LEAKY_RELU, TernaryOp.LEAKY_RELU_BACKWARD);

  private final UnaryOp forward;
  private final TernaryOp backward;

  Activation(UnaryOp forward, TernaryOp backward) {
    this.forward = forward;
    this.backward = backward;
  }

  /** A new layer computing this activation. */
  public Layer newLayer() {
    return new ElementwiseActivation(label(), forward, backward);
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
