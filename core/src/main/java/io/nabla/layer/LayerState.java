package io.nabla.layer;

import io.nabla.tensor.Tensor;

/** The checks every layer's backward pass shares. */
final class LayerState {

  private LayerState() {}

  /** Checks that a forward pass happened and {@code gradOut} matches its output. */
  static void checkBackward(String layer, Tensor savedOutput, Tensor gradOut) {
    if (savedOutput == null) {
      throw new IllegalStateException(layer + ".backward called before forward");
    }
    if (gradOut == null) {
      throw new IllegalArgumentException(layer + ".backward: gradOut is null");
    }
    if (!gradOut.hasShape(savedOutput.shape()) || gradOut.dtype() != savedOutput.dtype()) {
      throw new IllegalArgumentException(
          layer + ".backward: gradOut is " + gradOut.describe() + " but the forward output was "
              + savedOutput.describe());
    }
  }
}
