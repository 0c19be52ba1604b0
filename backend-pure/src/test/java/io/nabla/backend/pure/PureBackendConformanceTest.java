package io.nabla.backend.pure;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.testing.BackendConformanceSuite;

/** Runs the backend conformance suite on the plain-Java backend. */
class PureBackendConformanceTest extends BackendConformanceSuite {
  @Override
  protected Backend backend() {
    return Backends.get("pure");
  }
}
