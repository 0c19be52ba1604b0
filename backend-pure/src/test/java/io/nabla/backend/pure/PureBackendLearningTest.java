package io.nabla.backend.pure;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.testing.LearningSuite;

/** Runs the learning suite on the plain-Java backend. */
class PureBackendLearningTest extends LearningSuite {
  @Override
  protected Backend backend() {
    return Backends.get("pure");
  }
}
