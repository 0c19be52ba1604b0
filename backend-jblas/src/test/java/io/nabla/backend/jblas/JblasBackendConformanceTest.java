package io.nabla.backend.jblas;

import io.nabla.backend.Backend;
import io.nabla.testing.BackendAssumptions;
import io.nabla.testing.BackendConformanceSuite;

/** Runs the backend conformance suite on the jblas backend. */
class JblasBackendConformanceTest extends BackendConformanceSuite {
  @Override
  protected Backend backend() {
    return BackendAssumptions.availableOrSkip("jblas");
  }
}
