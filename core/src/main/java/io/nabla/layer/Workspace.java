package io.nabla.layer;

import io.nabla.tensor.Tensor;

/**
 * Reuse of a layer's output and gradient buffers between calls of the same shape, so that a
 * training step allocates (almost) nothing once the batch size stops changing.
 */
final class Workspace {

  private Workspace() {}

  /** {@code cached} if it has this shape, dtype and backend, else a new zero tensor like {@code like}. */
  static Tensor reuse(Tensor cached, Tensor like, int... shape) {
    if (cached != null && cached.hasShape(shape) && cached.dtype() == like.dtype()
        && cached.backend() == like.backend()) {
      return cached;
    }
    return like.zerosLike(shape);
  }
}
