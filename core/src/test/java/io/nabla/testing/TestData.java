package io.nabla.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/** Where the real MNIST files are for tests: MNIST_DIR, else the workplace's shared copy. */
public final class TestData {

  private TestData() {}

  /**
   * The MNIST directory. CI sets {@code MNIST_DIR}; without it the shared copy beside the
   * repository is used; a machine with neither skips the real-data tests, saying why.
   */
  public static Path mnistDir() {
    String env = System.getenv("MNIST_DIR");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path shared = dir.resolveSibling("shared").resolve("datasets").resolve("mnist");
      if (Files.isDirectory(shared)) {
        return shared;
      }
    }
    Assumptions.abort("real MNIST not found: set MNIST_DIR to run the real-data tests");
    throw new AssertionError("unreachable");
  }
}
