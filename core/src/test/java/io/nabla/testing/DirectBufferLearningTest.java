package io.nabla.testing;

import io.nabla.backend.Backend;

/** The chapter's models learn on a backend whose tensors live off the heap. */
class DirectBufferLearningTest extends LearningSuite {

  private static final Backend BACKEND = new DirectBufferBackend();

  @Override
  protected Backend backend() {
    return BACKEND;
  }
}
