package io.nabla.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.testing.ReferenceBackend;
import io.nabla.testing.UnavailableBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendReportTest {

  @AfterEach
  void clear() {
    System.clearProperty(Parallelism.PROPERTY);
    Parallelism.setThreads(0);
  }

  @Test
  void describesTheJvmAndEveryBackendWithReasons() {
    String report = BackendReport.describe();
    assertTrue(report.startsWith("JDK " + Runtime.version()), report);
    assertTrue(report.contains("* " + ReferenceBackend.NAME), report);
    assertTrue(report.contains("unavailable: " + UnavailableBackend.REASON), report);
    assertTrue(report.endsWith("* = current backend (" + ReferenceBackend.NAME + ")"), report);
  }

  @Test
  void requiredBackendsMustBeAvailable() {
    BackendReport.checkRequired(ReferenceBackend.NAME);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BackendReport.checkRequired(ReferenceBackend.NAME + ", simd," + UnavailableBackend.NAME));
    assertTrue(e.getMessage().contains("unknown backend 'simd'"), e.getMessage());
    assertTrue(e.getMessage().contains(UnavailableBackend.REASON), e.getMessage());
  }

  @Test
  void threadCountComesFromTheSettingAndBadValuesAreNamed() {
    System.setProperty(Parallelism.PROPERTY, "3");
    assertEquals(3, Parallelism.threads());
    Parallelism.setThreads(2);
    assertEquals(2, Parallelism.threads());
    Parallelism.setThreads(0);
    System.setProperty(Parallelism.PROPERTY, "many");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Parallelism::threads);
    assertEquals("nabla.threads must be a positive integer (a thread count), got 'many'",
        e.getMessage());
  }

  @Test
  void partsRunOnTheSharedPoolAndEveryPartRunsOnce() {
    Parallelism.setThreads(4);
    int[] hits = new int[7];
    Parallelism.forEachPart(7, part -> hits[part]++);
    assertEquals("[1, 1, 1, 1, 1, 1, 1]", java.util.Arrays.toString(hits));
    RuntimeException boom = assertThrows(RuntimeException.class,
        () -> Parallelism.forEachPart(3, part -> {
          if (part == 2) {
            throw new IllegalStateException("part 2 failed");
          }
        }));
    assertTrue(String.valueOf(boom.getMessage()).contains("part 2 failed"), boom.toString());
  }
}
