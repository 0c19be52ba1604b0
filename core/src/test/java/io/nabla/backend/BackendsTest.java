package io.nabla.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.testing.ReferenceBackend;
import io.nabla.testing.UnavailableBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendsTest {

  @AfterEach
  void clearChoices() {
    Backends.setCurrent(null);
    System.clearProperty(Backends.PROPERTY);
  }

  @Test
  void discoversEveryRegisteredBackendHighestPriorityFirst() {
    assertEquals(UnavailableBackend.NAME, Backends.all().get(0).name());
    assertTrue(Backends.find(ReferenceBackend.NAME).isPresent());
    assertTrue(Backends.find("REFERENCE").isPresent(), "names ignore case");
  }

  @Test
  void defaultSkipsAnUnavailableBackendEvenWithTheHighestPriority() {
    assertEquals(ReferenceBackend.NAME, Backends.current().name());
  }

  @Test
  void unknownNameListsTheBackendsFound() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backends.get("cuda"));
    assertEquals(
        "unknown backend 'cuda'; found: " + UnavailableBackend.NAME + ", " + ReferenceBackend.NAME,
        e.getMessage());
  }

  @Test
  void askingForAnUnavailableBackendSaysWhy() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backends.setCurrent(UnavailableBackend.NAME));
    assertEquals(
        "backend '" + UnavailableBackend.NAME + "' is not available: " + UnavailableBackend.REASON,
        e.getMessage());
  }

  @Test
  void systemPropertySelectsAndExplicitChoiceOverridesIt() {
    System.setProperty(Backends.PROPERTY, "no-such-backend");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Backends::current);
    assertTrue(e.getMessage().startsWith("unknown backend 'no-such-backend'"), e.getMessage());

    Backends.setCurrent(ReferenceBackend.NAME);
    assertEquals(ReferenceBackend.NAME, Backends.current().name());
  }

  @Test
  void describeAllReportsAvailabilityAndReasons() {
    String report = Backends.describeAll();
    assertTrue(report.contains(ReferenceBackend.NAME + " (priority -100): available"), report);
    assertTrue(report.contains("unavailable: " + UnavailableBackend.REASON), report);
  }

  @Test
  void unavailableBackendMustSayWhy() {
    assertThrows(IllegalArgumentException.class, () -> Availability.no(" "));
  }
}
