package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nabla.data.MnistFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-data tests find MNIST where a user's machine has it, the download cache included. */
class TestDataTest {

  @TempDir Path dir;

  @Test
  void theDownloadCacheIsUsedWhenNothingElseHasTheData() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache/nabla/mnist"));
    Path start = Files.createDirectories(dir.resolve("work/repo"));
    assertEquals(Optional.empty(), TestData.find(null, start, cache), "an empty cache is not data");
    for (String name : MnistFiles.ALL) {
      Files.write(cache.resolve(name + ".gz"), new byte[] {1});
    }
    assertEquals(Optional.of(cache), TestData.find("", start, cache));
    assertEquals(Optional.of(Path.of("/elsewhere")), TestData.find("/elsewhere", start, cache), "MNIST_DIR first");
    Path shared = Files.createDirectories(dir.resolve("work/shared/datasets/mnist"));
    assertEquals(Optional.of(shared), TestData.find(null, start, cache), "then the shared copy");
  }
}
