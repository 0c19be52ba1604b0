package io.nabla.backend.jblas;

import io.nabla.backend.Backend;
import io.nabla.testing.BackendAssumptions;
import io.nabla.testing.AutogradSuite;

/** Runs every operation's gradient check on the jblas backend. */
class JblasBackendAutogradTest extends AutogradSuite {
  @Override
  protected Backend backend() {
    return BackendAssumptions.availableOrSkip("jblas");
  }
}
