package io.nabla.backend.simd;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.testing.AutogradSuite;

/** Runs every operation's gradient check on the simd backend. */
class SimdBackendAutogradTest extends AutogradSuite {
  @Override
  protected Backend backend() {
    return Backends.get("simd");
  }
}
