package io.nabla.model;

import io.nabla.layer.Layer;
import io.nabla.layer.Relu;
import io.nabla.layer.Sigmoid;

/** The hidden-layer activation of a {@link TwoLayerNet}. */
public enum Activation {
  /** The logistic sigmoid, the chapter's choice. */
  SIGMOID,
  /** The rectifier {@code max(0, x)}. */
  RELU;

  /** A new layer computing this activation. */
  public Layer newLayer() {
    return this == SIGMOID ? new Sigmoid() : new Relu();
  }

  /** The name as users type it: {@code sigmoid} or {@code relu}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The {@link #label()}, as the command line lists the choices. */
  @Override
  public String toString() {
    return label();
  }
}
