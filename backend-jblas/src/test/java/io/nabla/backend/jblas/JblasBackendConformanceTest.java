package io.nabla.backend.jblas;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.testing.BackendConformanceSuite;

/** Runs the backend conformance suite on the jblas backend. */
class JblasBackendConformanceTest extends BackendConformanceSuite {
  @Override
  protected Backend backend() {
    return Backends.get("jblas");
  }
}
