package io.nabla.testing;

import io.nabla.backend.Backend;

/** Runs the learning suite on the reference backend, checking the suite itself. */
class ReferenceLearningTest extends LearningSuite {
  @Override
  protected Backend backend() {
    return io.nabla.backend.Backends.get(ReferenceBackend.NAME);
  }
}
