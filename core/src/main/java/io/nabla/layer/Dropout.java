package io.nabla.layer;

import io.nabla.autograd.Variable;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Dropout (the book's chapter 6): in {@linkplain TrainingMode training}, each element is zeroed
 * with probability {@code p} and the others are scaled by {@code 1 / (1 - p)} ({@link
 * Variable#dropout}); in evaluation the input passes through unchanged. The book scales by {@code
 * 1 - p} at evaluation instead; both give each element the same expected value in training as in
 * evaluation, and this way (PyTorch's) costs inference nothing. No parameters.
 */
public final class Dropout implements Layer {

  private final double p;

  /**
   * Drops each element with probability {@code p}.
   *
   * @throws IllegalArgumentException if p is not in [0, 1)
   */
  public Dropout(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout: the probability must be in [0, 1), got " + p);
    }
    this.p = p;
  }

  /** The probability that an element is dropped in training. */
  public double p() {
    return p;
  }

  @Override
  public Variable forward(Variable x) {
    Objects.requireNonNull(x, "dropout.forward: input is null");
    return TrainingMode.isOn() ? x.dropout(p, TrainingMode.random()) : x;
  }

  /** {@inheritDoc} The input itself in evaluation. */
  @Override
  public Tensor forward(Tensor x) {
    Objects.requireNonNull(x, "dropout.forward: input is null");
    return TrainingMode.isOn() ? Layer.super.forward(x) : x;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
