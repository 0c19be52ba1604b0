package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** An unavailable backend's tests skip with the reason, unless NABLA_REQUIRE_BACKENDS names it. */
class BackendAssumptionsTest {

  private final Backend unavailable = new UnavailableBackend();

  @Test
  void anUnavailableBackendIsASkipThatSaysWhyAndHowToRequireIt() {
    TestAbortedException skip = assertThrows(TestAbortedException.class,
        () -> BackendAssumptions.availableOrSkip(unavailable, "pure,simd"));
    assertTrue(skip.getMessage().contains("'" + unavailable.name() + "' is not available here")
        && skip.getMessage().contains(unavailable.availability().reason())
        && skip.getMessage().contains("NABLA_REQUIRE_BACKENDS=" + unavailable.name()), skip.getMessage());
  }

  @Test
  void aRequiredBackendThatIsUnavailableFails() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BackendAssumptions.availableOrSkip(unavailable, "pure, " + unavailable.name().toUpperCase()));
    assertTrue(e.getMessage().contains("required by NABLA_REQUIRE_BACKENDS"), e.getMessage());
  }

  @Test
  void anAvailableBackendIsReturned() {
    assertSame(ReferenceBackend.ORACLE, BackendAssumptions.availableOrSkip(ReferenceBackend.ORACLE, null));
  }
}
