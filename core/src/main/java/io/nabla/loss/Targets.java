package io.nabla.loss;

import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Objects;

/**
 * The supervision for a loss: either a tensor of one-hot (or any target-distribution) rows with
 * the output's shape, or one class index per sample. The encoding is always explicit, never
 * guessed from sizes.
 */
public final class Targets {

  private final Tensor oneHot;
  private final int[] labels;

  private Targets(Tensor oneHot, int[] labels) {
    this.oneHot = oneHot;
    this.labels = labels;
  }

  /** Targets as a tensor shaped like the network's output (one-hot rows, or any distribution). */
  public static Targets oneHot(Tensor t) {
    return new Targets(Objects.requireNonNull(t, "targets tensor is null"), null);
  }

  /** Targets as one class index per sample (a single index for a single sample). */
  public static Targets labels(int... labels) {
    return new Targets(null, Objects.requireNonNull(labels, "labels are null").clone());
  }

  /** Whether these targets are class indices rather than a tensor. */
  public boolean isLabels() {
    return labels != null;
  }

  /** The labels array itself, for this package's losses, which only read it; null for a tensor. */
  int[] labelsView() {
    return labels;
  }

  /** The class indices. @throws IllegalStateException if these targets are a tensor */
  public int[] labels() {
    if (labels == null) {
      throw new IllegalStateException("these targets are a tensor, not class indices");
    }
    return labels.clone();
  }

  /**
   * The targets as a tensor shaped like {@code y} and of its dtype and backend: the tensor itself,
   * or the one-hot encoding of the labels.
   *
   * @throws IllegalArgumentException if the targets do not fit {@code y} (see {@link #checkFits})
   */
  public Tensor asTensorLike(String operation, Tensor y) {
    checkFits(operation, y);
    if (oneHot != null) {
      return oneHot;
    }
    int classes = y.dim(-1);
    Tensor encoded = Tensors.oneHot(y.backend(), labels, classes, y.dtype());
    return y.rank() == 1 ? encoded.reshape(classes) : encoded;
  }

  /**
   * The index of the true class of each sample: the labels, or the argmax of each target row.
   */
  public int[] classIndices() {
    if (labels != null) {
      return labels.clone();
    }
    return oneHot.rank() == 1 ? new int[] {oneHot.argmax()} : oneHot.argmax(-1);
  }

  /** The number of samples. */
  public int count() {
    if (labels != null) {
      return labels.length;
    }
    return oneHot.rank() <= 1 ? 1 : oneHot.dim(0);
  }

  /**
   * Checks that these targets fit the output {@code y}: a rank-1 (single sample) or rank-2
   * (batch) tensor; a target tensor of the same shape and dtype; or one label per sample, each a
   * valid class index.
   *
   * @throws IllegalArgumentException naming the operation and shapes when they do not
   */
  public void checkFits(String operation, Tensor y) {
    if (y.rank() != 1 && y.rank() != 2) {
      throw new IllegalArgumentException(
          operation + ": output y has shape " + Shapes.format(y.shape())
              + "; expected [classes] for one sample or [batch, classes]");
    }
    if (oneHot != null) {
      if (!oneHot.hasShape(y.shape())) {
        throw new IllegalArgumentException(
            operation + ": y has shape " + Shapes.format(y.shape()) + " but t has shape "
                + Shapes.format(oneHot.shape()));
      }
      if (oneHot.dtype() != y.dtype()) {
        throw new IllegalArgumentException(
            operation + ": y is " + y.describe() + " but t is " + oneHot.describe());
      }
      return;
    }
    int samples = y.rank() == 1 ? 1 : y.dim(0);
    if (labels.length != samples) {
      throw new IllegalArgumentException(
          operation + ": y has shape " + Shapes.format(y.shape()) + " (" + samples
              + " samples) but " + labels.length + " labels were given");
    }
    int classes = y.dim(-1);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            operation + ": label " + labels[i] + " of sample " + i + " is outside [0, " + classes
                + ") for y of shape " + Shapes.format(y.shape()));
      }
    }
  }

  /** These targets with a tensor converted to {@code dtype} (labels are returned as they are). */
  public Targets asType(io.nabla.backend.DType dtype) {
    return labels != null ? this : oneHot(oneHot.asType(dtype));
  }

  /** Targets for the rows at {@code indices} (a mini-batch drawn from these targets). */
  public Targets select(int[] indices) {
    if (labels != null) {
      int[] picked = new int[indices.length];
      for (int i = 0; i < indices.length; i++) {
        picked[i] = labels[indices[i]];
      }
      return labels(picked);
    }
    return oneHot(oneHot.gatherRows(indices));
  }
}
