package io.nabla.data;

import java.util.List;

/**
 * The four file names of MNIST and Fashion-MNIST (the two share them), each also accepted with
 * {@code .gz}, and the SHA-256 of MNIST's decompressed files.
 */
public final class MnistFiles {

  /** Training images: IDX, [60000, 28, 28]. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  /** Training labels: IDX, [60000]. */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  /** Test images: IDX, [10000, 28, 28]. */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  /** Test labels: IDX, [10000]. */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** All four, in the order above. */
  public static final List<String> ALL = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  private MnistFiles() {}

  /**
   * SHA-256 of the decompressed MNIST file; the gzip wrapping varies between mirrors, the content
   * does not.
   */
  public static String sha256(String name) {
    switch (name) {
      case TRAIN_IMAGES:
        return "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db";
      case TRAIN_LABELS:
        return "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5";
      case TEST_IMAGES:
        return "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7";
      case TEST_LABELS:
        return "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2";
      default:
        throw new IllegalArgumentException("not an MNIST file name: " + name);
    }
  }
}
