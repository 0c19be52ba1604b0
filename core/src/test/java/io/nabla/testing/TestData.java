package io.nabla.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import io.nabla.data.MnistLocator;
import io.nabla.data.MnistLocator.Dataset;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real MNIST files are for tests: {@code MNIST_DIR}, else the workplace's shared copy,
 * else the per-user download cache that {@code ./nabla train} fills ({@code ~/.cache/nabla/mnist}).
 */
public final class TestData {

  private TestData() {}

  /**
   * The MNIST directory. CI sets {@code MNIST_DIR}; without it the shared copy beside the
   * repository is used, then the download cache; a machine with none skips the real-data tests,
   * saying why.
   */
  public static Path mnistDir() {
    Path cache = MnistLocator.cacheDir(Dataset.MNIST);
    return find(System.getenv("MNIST_DIR"), Paths.get("").toAbsolutePath(), cache).orElseGet(() -> {
      Assumptions.abort("real MNIST not found in MNIST_DIR, ../shared/datasets/mnist or " + cache
          + ": set MNIST_DIR, or run './nabla train' once to download it, to run the real-data tests");
      throw new AssertionError("unreachable");
    });
  }

  /** The search itself: the variable, a shared copy beside {@code start} or an ancestor, the cache. */
  static Optional<Path> find(String environment, Path start, Path cache) {
    if (environment != null && !environment.isBlank()) {
      return Optional.of(Paths.get(environment));
    }
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path shared = dir.resolveSibling("shared").resolve("datasets").resolve("mnist");
      if (Files.isDirectory(shared)) {
        return Optional.of(shared);
      }
    }
    return MnistLocator.isComplete(cache) ? Optional.of(cache) : Optional.empty();
  }
}
