package io.nabla.layer;

import io.nabla.autograd.Variable;
import java.util.List;

/**
 * Softmax along the last axis, {@code y_k = e^{x_k} / sum_j e^{x_j}} (stable: the row max is
 * subtracted first); its gradient is {@code dx = y * (dout - sum_k dout_k y_k)} row by row. When
 * the loss is cross-entropy, prefer {@link Variable#softmaxCrossEntropy}, whose fused gradient is
 * simpler and exact.
 */
public final class Softmax implements Layer {

  @Override
  public Variable forward(Variable x) {
    return x.softmax();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
