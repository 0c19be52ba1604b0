package io.nabla.testing;

import io.nabla.backend.Backend;

/** Every operation's gradient on a backend whose tensors live off the heap. */
class DirectBufferAutogradTest extends AutogradSuite {

  private static final Backend BACKEND = new DirectBufferBackend();

  @Override
  protected Backend backend() {
    return BACKEND;
  }
}
