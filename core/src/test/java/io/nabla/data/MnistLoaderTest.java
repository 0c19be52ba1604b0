package io.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nabla.backend.DType;
import io.nabla.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real MNIST, loaded with the book's options. */
class MnistLoaderTest {

  @Test
  void loadsTheRealDataWithTheBooksOptions() throws Exception {
    Path dir = TestData.mnistDir();
    MnistData data = MnistLoader.load(dir, true, true, DType.FLOAT32, io.nabla.backend.Backends.get("reference"));
    assertArrayEquals(new int[] {60000, 784}, data.train().images().shape());
    assertArrayEquals(new int[] {10000, 784}, data.test().images().shape());
    // Facts of the MNIST files: the first training digit is a 5, the first test digit a 7.
    assertEquals(5, data.train().labels()[0]);
    assertEquals(7, data.test().labels()[0]);
    assertEquals(1.0, data.train().images().max(), 0.0);
    assertEquals(0.0, data.train().images().neg().max(), 0.0);
    int[] counts = new int[10];
    for (int label : data.test().labels()) {
      counts[label]++;
    }
    // The test set's class sizes, a published fact: 980 zeros ... 1009 nines.
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
    MnistData raw = MnistLoader.load(dir, false, false, DType.FLOAT64, io.nabla.backend.Backends.get("reference"));
    assertArrayEquals(new int[] {10000, 1, 28, 28}, raw.test().images().shape());
    assertEquals(255.0, raw.test().images().max(), 0.0);
    assertEquals(data.test().size(), data.test().targets(true).count());
  }

  @Test
  void sha256OfTheSharedFilesMatchesTheKnownContent() throws Exception {
    Path dir = TestData.mnistDir();
    for (String name : MnistFiles.ALL) {
      MnistDownloader.verify(MnistLoader.find(dir, name), name);
    }
  }
}
