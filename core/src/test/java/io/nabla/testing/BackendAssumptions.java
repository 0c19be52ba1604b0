package io.nabla.testing;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BackendReport;
import io.nabla.backend.Backends;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests of a backend that may not run on every machine (jblas needs the system's libgfortran5):
 * where the backend is unavailable they report themselves skipped, with the reason and the fix,
 * unless {@code NABLA_REQUIRE_BACKENDS} names it (CI names all three), which makes it a failure.
 */
public final class BackendAssumptions {

  private BackendAssumptions() {}

  /**
   * The registered backend called {@code name} if it is available here.
   *
   * @throws org.opentest4j.TestAbortedException (a skip) naming the reason, if it is unavailable
   *     and not required
   * @throws IllegalStateException if it is unavailable and {@code NABLA_REQUIRE_BACKENDS} names it
   */
  public static Backend availableOrSkip(String name) {
    Backend backend = Backends.find(name)
        .orElseThrow(() -> new IllegalStateException("no backend '" + name + "' on the class path"));
    return availableOrSkip(backend);
  }

  /** {@link #availableOrSkip(String)} for a backend instance. */
  public static Backend availableOrSkip(Backend backend) {
    return availableOrSkip(backend, System.getenv(BackendReport.REQUIRE_ENVIRONMENT));
  }

  /** The decision, with the required list given rather than read from the environment. */
  static Backend availableOrSkip(Backend backend, String requiredList) {
    Availability availability = backend.availability();
    if (availability.available()) {
      return backend;
    }
    if (isRequired(backend.name(), requiredList)) {
      throw new IllegalStateException("backend '" + backend.name() + "' is required by "
          + BackendReport.REQUIRE_ENVIRONMENT + " but not available: " + availability.reason());
    }
    Assumptions.abort("backend '" + backend.name() + "' is not available here, so its tests are skipped: "
        + availability.reason() + " (set " + BackendReport.REQUIRE_ENVIRONMENT + "=" + backend.name()
        + " to make this a failure)");
    throw new AssertionError("unreachable");
  }

  /** Whether the comma-separated list names the backend. */
  static boolean isRequired(String name, String list) {
    return list != null && Arrays.stream(list.split(",")).map(String::trim).anyMatch(name::equalsIgnoreCase);
  }
}
