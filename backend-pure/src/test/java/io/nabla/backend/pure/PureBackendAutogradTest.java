package io.nabla.backend.pure;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.testing.AutogradSuite;

/** Runs every operation's gradient check on the pure backend. */
class PureBackendAutogradTest extends AutogradSuite {
  @Override
  protected Backend backend() {
    return Backends.get("pure");
  }
}
