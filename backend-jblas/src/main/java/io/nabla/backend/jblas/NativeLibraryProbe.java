package io.nabla.backend.jblas;

import io.nabla.backend.Availability;
import org.jblas.NativeBlas;
import org.jblas.util.Logger;

/**
 * Loads jblas's native library once and reports whether it works. On Linux the library needs
 * the system's {@code libgfortran.so.5}; when it is missing, loading fails with a linkage error,
 * which becomes an {@link Availability} that says so and how to fix it.
 */
final class NativeLibraryProbe {

  /** How to install what jblas needs, for the message. */
  static final String FIX =
      "jblas needs the system library libgfortran.so.5: on Debian or Ubuntu run"
          + " 'apt-get install libgfortran5'";

  private NativeLibraryProbe() {}

  /** Loads the native BLAS and runs a 1x1 product, reporting any failure. */
  static Availability probe() {
    return probe(NativeLibraryProbe::smallestProduct);
  }

  /** Runs {@code load} and turns a failure to link or load into an explanation. */
  static Availability probe(Runnable load) {
    try {
      load.run();
      return Availability.yes();
    } catch (LinkageError | RuntimeException e) {
      return Availability.no(
          "jblas could not load its native BLAS (" + rootMessage(e) + "). " + FIX);
    }
  }

  private static void smallestProduct() {
    // jblas logs every step of extracting its library at INFO to stderr; keep discovery quiet.
    Logger.getLogger().setLevel(Logger.WARNING);
    float[] c = new float[1];
    NativeBlas.sgemm('N', 'N', 1, 1, 1, 1f, new float[] {2f}, 0, 1, new float[] {3f}, 0, 1, 0f, c, 0, 1);
    if (c[0] != 6f) {
      throw new IllegalStateException("sgemm computed 2 x 3 = " + c[0]);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
