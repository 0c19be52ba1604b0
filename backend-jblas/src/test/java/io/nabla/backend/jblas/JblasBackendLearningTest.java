package io.nabla.backend.jblas;

import io.nabla.backend.Backend;
import io.nabla.testing.BackendAssumptions;
import io.nabla.testing.LearningSuite;

/** Runs the learning suite on the jblas backend. */
class JblasBackendLearningTest extends LearningSuite {
  @Override
  protected Backend backend() {
    return BackendAssumptions.availableOrSkip("jblas");
  }
}
