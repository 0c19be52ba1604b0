package io.nabla.layer;

import io.nabla.autograd.Variable;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.Objects;

/**
 * A named trainable tensor and the gradient of the loss with respect to it. Layers compute with
 * its {@link #variable()}, the leaf that automatic differentiation fills; a model sets the
 * gradient from it ({@link #setGrad}) and optimizers read it and update the value in place.
 */
public final class Parameter {

  private final String name;
  private final Tensor value;
  private final Variable variable;
  private Tensor grad;

  /** A parameter with no gradient yet. */
  public Parameter(String name, Tensor value) {
    this.name = Objects.requireNonNull(name, "parameter name is null");
    this.value = Objects.requireNonNull(value, () -> "parameter " + name + ": value is null");
    this.variable = Variable.requiringGrad(value);
  }

  /** The name, unique within a model, e.g. {@code W1}. */
  public String name() {
    return name;
  }

  /** The live value; optimizers update it in place. */
  public Tensor value() {
    return value;
  }

  /**
   * The value as a leaf of automatic differentiation, requiring a gradient: what a layer's forward
   * pass computes with. A backward pass fills its {@link Variable#grad()}.
   */
  public Variable variable() {
    return variable;
  }

  /** Whether there is a gradient: one {@linkplain #setGrad set}, or the variable's. */
  public boolean hasGrad() {
    return grad != null || variable.hasGrad();
  }

  /**
   * The gradient the optimizers step with: the one {@linkplain #setGrad set} (a gradient averaged
   * over workers, say) if there is one, else the gradient backward passes gave {@link #variable()}.
   *
   * @throws IllegalStateException if there is none yet
   */
  public Tensor grad() {
    if (grad != null) {
      return grad;
    }
    if (!variable.hasGrad()) {
      throw new IllegalStateException(
          "parameter '" + name + "' has no gradient; run a backward pass first");
    }
    return variable.grad();
  }

  /**
   * Sets the gradient, which {@link #grad()} returns in place of the variable's until {@link
   * #clearGrad()}.
   *
   * @throws IllegalArgumentException if its shape or dtype differs from the value's
   */
  public void setGrad(Tensor gradient) {
    if (!gradient.hasShape(value.shape()) || gradient.dtype() != value.dtype()) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' is " + value.describe() + " but its gradient is "
              + gradient.describe());
    }
    this.grad = gradient;
  }

  /** Forgets the gradient that was set, so that {@link #grad()} is the variable's again. */
  public void clearGrad() {
    grad = null;
  }

  @Override
  public String toString() {
    return name + " " + value.dtype().label() + Shapes.format(value.shape());
  }
}
