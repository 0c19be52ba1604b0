package io.nabla.backend.simd;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.testing.BackendConformanceSuite;

/** Runs the backend conformance suite on the SIMD backend. */
class SimdBackendConformanceTest extends BackendConformanceSuite {
  @Override
  protected Backend backend() {
    return Backends.get("simd");
  }
}
