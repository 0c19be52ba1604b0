package io.nabla.testing;

import io.nabla.backend.Backend;

/** The conformance suite on a backend whose tensors live off the heap. */
class DirectBufferConformanceTest extends BackendConformanceSuite {

  private static final Backend BACKEND = new DirectBufferBackend();

  @Override
  protected Backend backend() {
    return BACKEND;
  }
}
