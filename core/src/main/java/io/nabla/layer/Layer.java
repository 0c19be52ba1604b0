package io.nabla.layer;

import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import java.util.List;

/**
 * A differentiable building block of a network. {@link #forward} computes the output and keeps
 * what the backward pass needs; {@link #backward} takes {@code dL/dout} for that same forward
 * call, sets the gradient of every parameter (replacing any earlier one) and returns {@code
 * dL/dx}.
 *
 * <p>A layer holds the state of its last forward pass, so one layer instance must not be used
 * by two threads at once; separate instances are independent.
 */
public interface Layer {

  /** The output for input {@code x}; remembers what {@link #backward} will need. */
  Tensor forward(Tensor x);

  /**
   * Back-propagates {@code gradOut = dL/dout} of the last {@link #forward}: sets the parameters'
   * gradients and returns {@code dL/dx}.
   *
   * @throws IllegalStateException if there was no forward pass
   * @throws IllegalArgumentException if {@code gradOut} is not shaped like the last output
   */
  Tensor backward(Tensor gradOut);

  /** The trainable parameters, in a stable order; empty for layers without any. */
  List<Parameter> parameters();

  /** A copy of this layer whose parameters are converted to {@code dtype}; state is not copied. */
  Layer asType(DType dtype);
}
