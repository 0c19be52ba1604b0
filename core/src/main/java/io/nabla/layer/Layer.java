package io.nabla.layer;

import io.nabla.autograd.Autograd;
import io.nabla.autograd.Variable;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A building block of a network: a forward pass written as operations on {@link Variable}s, and
 * its parameters. There is no backward method: automatic differentiation derives the backward
 * pass from the forward one, so a layer of your own is its {@link #forward(Variable)} and {@link
 * #parameters()}, nothing else.
 *
 * <pre>{@code
 * // A residual block: x + relu(x . W + b).
 * class Residual implements Layer {
 *   private final Affine inner;
 *   Residual(Affine inner) { this.inner = inner; }
 *   public Variable forward(Variable x) { return x.add(inner.forward(x).relu()); }
 *   public List<Parameter> parameters() { return inner.parameters(); }
 * }
 * }</pre>
 *
 * <p>A layer keeps no state between calls but its {@linkplain #buffers() buffers} (batch
 * normalization's running statistics, which training passes update), so one instance may serve
 * any number of evaluation passes; its parameters' values are shared by every pass and must not be
 * updated while one is under way.
 */
public interface Layer {

  /**
   * The output for input {@code x}; recorded for the backward pass when {@code x} or a parameter
   * requires a gradient (a parameter's {@link Parameter#variable()} does).
   *
   * @throws IllegalArgumentException naming the shapes if {@code x} does not fit the layer
   */
  Variable forward(Variable x);

  /**
   * The output for a tensor, with nothing recorded: inference. A layer may override it with the
   * same operations on tensors, skipping the graph's bookkeeping (Nabla's own layers do, so a
   * training run's losses and evaluations cost less); it must give exactly {@link
   * #forward(Variable)}'s value.
   */
  default Tensor forward(Tensor x) {
    try (Autograd.Scope scope = Autograd.noGrad()) {
      return forward(Variable.constant(x)).value();
    }
  }

  /** The trainable parameters, in a stable order; empty for layers without any. */
  List<Parameter> parameters();

  /**
   * Tensors the layer keeps besides its parameters, by name, in a stable order: state that
   * training passes update but no gradient does ({@link BatchNorm}'s running mean and variance),
   * saved and loaded with a model. Live, not copied; empty for most layers.
   */
  default Map<String, Tensor> buffers() {
    return Map.of();
  }

  /**
   * A copy of this layer whose parameters are converted to {@code dtype} (the gradient checker
   * works on a float64 copy). The default serves layers without parameters, or whose parameters
   * already have that dtype; a layer of your own with parameters implements it to be checked in
   * float64 from another dtype.
   *
   * @throws UnsupportedOperationException if a parameter would need converting
   */
  default Layer asType(DType dtype) {
    for (Parameter p : parameters()) {
      if (p.value().dtype() != dtype) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot convert parameter '"
            + p.name() + "' (" + p.value().describe() + ") to " + dtype.label()
            + ": implement asType, or build the layer in " + dtype.label());
      }
    }
    return this;
  }
}
