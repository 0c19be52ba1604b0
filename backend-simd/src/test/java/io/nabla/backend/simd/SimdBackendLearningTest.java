package io.nabla.backend.simd;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.testing.LearningSuite;

/** Runs the learning suite on the SIMD backend. */
class SimdBackendLearningTest extends LearningSuite {
  @Override
  protected Backend backend() {
    return Backends.get("simd");
  }
}
