package io.nabla.backend.jblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Availability;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.BackendAssumptions;
import org.junit.jupiter.api.Test;

/** What users see when jblas's native library cannot load. */
class JblasAvailabilityTest {

  private static Availability failingLoad() {
    return NativeLibraryProbe.probe(() -> {
      throw new UnsatisfiedLinkError(
          "/tmp/jblas123/libjblas.so: libgfortran.so.5: cannot open shared object file");
    });
  }

  @Test
  void aMissingGfortranIsReportedWithTheFix() {
    Availability a = failingLoad();
    assertFalse(a.available());
    assertEquals("jblas could not load its native BLAS (UnsatisfiedLinkError: /tmp/jblas123/"
        + "libjblas.so: libgfortran.so.5: cannot open shared object file). jblas needs the system"
        + " library libgfortran.so.5: on Debian or Ubuntu run 'apt-get install libgfortran5'",
        a.reason());
  }

  @Test
  void kernelsOfAnUnavailableBackendFailWithTheReasonNotALinkError() {
    JblasBackend broken = new JblasBackend(JblasAvailabilityTest::failingLoad);
    Tensor a = Tensors.full(broken, 1, DType.FLOAT32, 2, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.matmul(a));
    assertTrue(e.getMessage().startsWith("backend 'jblas' is not available: jblas could not load"),
        e.getMessage());
  }

  @Test
  void theRealLibraryLoadsWhereItIsRequiredOrAvailable() {
    // Skipped, naming libgfortran5, on a machine without it; a failure where CI requires jblas.
    Availability a = BackendAssumptions.availableOrSkip(new JblasBackend()).availability();
    assertTrue(a.available(), a.reason());
  }
}
