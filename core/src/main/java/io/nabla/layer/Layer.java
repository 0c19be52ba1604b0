package io.nabla.layer;

import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import java.util.List;

/**
 * A differentiable building block of a network. {@link #forward} computes the output and keeps
 * what the backward pass needs; {@link #backward} takes {@code dL/dout} for that same forward
 * call, sets the gradient of every parameter (replacing any earlier one) and returns {@code
 * dL/dx}.
 *
 * <p>Layers reuse their output and gradient tensors between calls with the same shapes, so that
 * training allocates nothing per step: a tensor a layer returns is valid until that layer's next
 * call of the same method; copy it to keep it longer.
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

  /**
   * Like {@link #backward}, but only the parameters' gradients are needed, not {@code dL/dx}: a
   * network's first layer skips computing the gradient of its input (for the chapter's net, the
   * largest product of the step).
   */
  default void backwardParameters(Tensor gradOut) {
    backward(gradOut);
  }

  /** The trainable parameters, in a stable order; empty for layers without any. */
  List<Parameter> parameters();

  /** A copy of this layer whose parameters are converted to {@code dtype}; state is not copied. */
  Layer asType(DType dtype);
}
