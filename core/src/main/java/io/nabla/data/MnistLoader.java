package io.nabla.data;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads MNIST or Fashion-MNIST from a directory holding the four IDX files (each plain or {@code
 * .gz}), with the options of the book's {@code load_mnist}: {@code normalize} divides pixels by
 * 255 into [0, 1] (else they stay 0-255), {@code flatten} gives rows of 784 (else [n, 1, 28, 28]);
 * one-hot labels are a choice of {@link LabeledData#targets}.
 */
public final class MnistLoader {

  private static final int CLASSES = 10;

  /** An MNIST or Fashion-MNIST image as a net of images takes it: [channels, height, width]. */
  public static final java.util.List<Integer> IMAGE_SHAPE = java.util.List.of(1, 28, 28);

  private MnistLoader() {}

  /**
   * Loads both splits onto {@code backend}.
   *
   * @throws DataFormatException naming the file if one is missing, malformed, or disagrees with
   *     its partner (counts, image size)
   */
  public static MnistData load(Path dir, boolean normalize, boolean flatten, DType dtype, Backend backend)
      throws IOException {
    // The test split loads on a second thread while this one inflates the training images (six
    // times larger): measured on a 2-core AMD EPYC Zen 5, JDK 25, the chapter's float32 load took
    // 0.37 s on one thread, 0.19-0.27 s so (NumPy's load_mnist there: 0.26-0.32 s).
    FutureTask<LabeledData> test = new FutureTask<>(() ->
        loadSplit(dir, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS, normalize, flatten, dtype, backend));
    Thread loader = new Thread(test, "nabla-mnist-test-split");
    loader.setDaemon(true);
    loader.start();
    LabeledData train;
    try {
      train = loadSplit(dir, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, normalize, flatten, dtype, backend);
    } catch (IOException | RuntimeException | Error e) {
      test.cancel(true);
      throw e;
    }
    return new MnistData(train, testSplit(test));
  }

  /** The test split's result, with its exception rethrown as it was thrown. */
  private static LabeledData testSplit(FutureTask<LabeledData> test) throws IOException {
    try {
      return test.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while loading the test split");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException("loading the test split failed", cause);
    }
  }

  /** The file for {@code name} in {@code dir}: the plain file, else {@code name.gz}; or null. */
  public static Path find(Path dir, String name) {
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path gz = dir.resolve(name + ".gz");
    return Files.isRegularFile(gz) ? gz : null;
  }

  private static LabeledData loadSplit(Path dir, String imagesName, String labelsName,
      boolean normalize, boolean flatten, DType dtype, Backend backend) throws IOException {
    Path imagesFile = require(dir, imagesName);
    Path labelsFile = require(dir, labelsName);
    IdxArray images = IdxReader.read(imagesFile, 3);
    IdxArray labels = IdxReader.read(labelsFile, 1);
    if (images.count() != labels.count()) {
      throw new DataFormatException(labelsFile, labels.count() + " labels for "
          + images.count() + " images in " + imagesFile.getFileName());
    }
    int rows = images.dims()[1];
    int cols = images.dims()[2];
    if (rows != IMAGE_SHAPE.get(1) || cols != IMAGE_SHAPE.get(2)) {
      throw new DataFormatException(imagesFile, "images are " + rows + "x" + cols
          + "; MNIST and Fashion-MNIST images are 28x28");
    }
    int[] labelValues = new int[labels.count()];
    for (int i = 0; i < labelValues.length; i++) {
      labelValues[i] = labels.data()[i] & 0xff;
      if (labelValues[i] >= CLASSES) {
        throw new DataFormatException(labelsFile, "label " + labelValues[i] + " of item " + i
            + " is not a digit class 0-9");
      }
    }
    return new LabeledData(toTensor(images, normalize, flatten, dtype, backend), labelValues, CLASSES);
  }

  private static Tensor toTensor(
      IdxArray images, boolean normalize, boolean flatten, DType dtype, Backend backend) {
    byte[] pixels = images.data();
    double scale = normalize ? 1.0 / 255.0 : 1.0;
    int n = images.count();
    int[] shape = flatten ? new int[] {n, images.itemSize()} : new int[] {n, 1, 28, 28};
    Tensor out = Tensors.zeros(backend, dtype, shape);
    // A pixel has 256 values: each is scaled once, and the images are looked up a chunk at a time
    // into the backend's storage (no full-size copy), which rounds to its dtype as before.
    double[] table = new double[256];
    for (int p = 0; p < 256; p++) {
      table[p] = p * scale;
    }
    double[] chunk = new double[Math.min(pixels.length, 1 << 16)];
    for (int from = 0; from < pixels.length; from += chunk.length) {
      int count = Math.min(chunk.length, pixels.length - from);
      for (int i = 0; i < count; i++) {
        chunk[i] = table[pixels[from + i] & 0xff];
      }
      out.storage().write(from, chunk, 0, count);
    }
    return out;
  }

  private static Path require(Path dir, String name) throws DataFormatException {
    Path file = find(dir, name);
    if (file == null) {
      throw new DataFormatException(dir.resolve(name), "missing (neither " + name + " nor "
          + name + ".gz is in " + dir + ")");
    }
    return file;
  }
}
