package io.nabla.backend.simd;

import io.nabla.backend.Backend;
import io.nabla.testing.BackendConformanceSuite;

/** Runs the backend conformance suite on the SIMD backend. */
class SimdBackendConformanceTest extends BackendConformanceSuite {
  @Override
  protected Backend backend() {
    return new SimdBackend();
  }
}
