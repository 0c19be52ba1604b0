package io.nabla.benchmarks;

import io.nabla.backend.Backend;
import io.nabla.data.LabeledData;
import io.nabla.data.MnistData;
import io.nabla.data.MnistLoader;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The data the benchmarks run on: the real MNIST when {@code MNIST_DIR} is set, otherwise
 * synthetic data of the same shape (uniform pixels, labels 0-9 in turn); which one is printed.
 */
final class BenchmarkData {

  private BenchmarkData() {}

  /** On {@code backend}, {@code rows} training rows (the first ones) or, with {@code test}, test rows. */
  static LabeledData rows(int rows, boolean test, DType dtype, Backend backend) {
    String dir = System.getenv("MNIST_DIR");
    if (dir != null && !dir.isBlank()) {
      try {
        MnistData data = MnistLoader.load(Paths.get(dir), true, true, dtype, backend);
        LabeledData split = test ? data.test() : data.train();
        System.out.println("# data: real MNIST from " + Path.of(dir) + ", " + rows + " rows");
        return split.slice(0, Math.min(rows, split.size()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    System.out.println("# data: synthetic, MNIST-shaped (MNIST_DIR is not set), " + rows + " rows");
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = i % 10;
    }
    return new LabeledData(
        Tensors.randomUniform(backend, new SeededRandom(1), 0, 1, dtype, rows, 784), labels, 10);
  }

  /** The thread count a {@code threads} parameter names: a number, or "all" processors. */
  static int threads(String value) {
    return value.equals("all") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(value);
  }
}
