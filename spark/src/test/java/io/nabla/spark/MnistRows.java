package io.nabla.spark;

import io.nabla.data.IdxArray;
import io.nabla.data.IdxReader;
import io.nabla.data.MnistFiles;
import io.nabla.data.MnistLoader;
import io.nabla.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The first rows of real MNIST as {@link Blobs} (784 pixels scaled to [0, 1], labels 0-9), read
 * from {@code MNIST_DIR} ({@link TestData#mnistDir()}, which skips the test where there is no
 * copy). The IDX files are read as bytes and only the rows asked for become doubles: the whole
 * set as float64 would be 440 MB.
 */
final class MnistRows {

  private static final int PIXELS = 784;

  private MnistRows() {}

  /** The first {@code rows} images of the training split. */
  static Blobs train(int rows) {
    return read(MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, rows);
  }

  /** The first {@code rows} images of the test split. */
  static Blobs test(int rows) {
    return read(MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS, rows);
  }

  private static Blobs read(String imagesName, String labelsName, int rows) {
    Path dir = TestData.mnistDir();
    try {
      IdxArray images = IdxReader.read(MnistLoader.find(dir, imagesName), 3);
      IdxArray labels = IdxReader.read(MnistLoader.find(dir, labelsName), 1);
      double[][] x = new double[rows][PIXELS];
      int[] y = new int[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < PIXELS; j++) {
          x[i][j] = (images.data()[i * PIXELS + j] & 0xff) / 255.0; // the chapter's normalization
        }
        y[i] = labels.data()[i];
      }
      return new Blobs(x, y, 10);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
