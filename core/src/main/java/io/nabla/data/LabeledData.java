package io.nabla.data;

import io.nabla.loss.Targets;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/**
 * Samples and their class labels: {@code images} has one row (first-axis slice) per sample.
 *
 * @param images the samples, [n, 784] flattened or [n, 1, 28, 28] otherwise
 * @param labels the class of each sample
 * @param classes the number of classes
 */
public record LabeledData(Tensor images, int[] labels, int classes) {

  /** Checks that there is one label per sample. */
  public LabeledData {
    if (images.rank() == 0 || images.dim(0) != labels.length) {
      throw new IllegalArgumentException("labeled data: images " + Shapes.format(images.shape())
          + " but " + labels.length + " labels");
    }
  }

  /** The number of samples. */
  public int size() {
    return labels.length;
  }

  /** The labels as targets: one-hot rows (the book's {@code one_hot_label=True}) or indices. */
  public Targets targets(boolean oneHot) {
    return oneHot
        ? Targets.oneHot(Tensors.oneHot(images.backend(), labels, classes, images.dtype()))
        : Targets.labels(labels);
  }

  /** Samples {@code [from, to)}. */
  public LabeledData slice(int from, int to) {
    return new LabeledData(images.sliceRows(from, to), java.util.Arrays.copyOfRange(labels, from, to),
        classes);
  }
}
