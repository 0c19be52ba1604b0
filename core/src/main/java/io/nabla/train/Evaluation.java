package io.nabla.train;

import io.nabla.data.LabeledData;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.model.Net;
import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Arrays;

/**
 * Accuracy over a whole data set, computed in batches (copied into one reused buffer) so no
 * full-size temporaries are needed.
 */
public final class Evaluation {

  /** Rows per evaluation batch unless told otherwise. */
  public static final int DEFAULT_BATCH = 1000;

  /**
   * Rows per evaluation batch of a net of images: its im2col matrices, where a backend composes
   * its convolutions from them, grow with the batch (1000 images through DeepConvNet's second
   * convolution make one of 450 MB), and 100 images keep each product large enough for the
   * kernels.
   */
  public static final int IMAGE_BATCH = 100;

  /** The evaluation batch for {@code model}: {@link #IMAGE_BATCH} for a net of images, else {@link #DEFAULT_BATCH}. */
  public static int batchFor(Model model) {
    return model instanceof Net net && net.architecture().takesImages() ? IMAGE_BATCH : DEFAULT_BATCH;
  }

  private Evaluation() {}

  /** The fraction of samples the model classifies correctly, evaluated {@code batch} rows at a time. */
  public static double accuracy(Model model, LabeledData data, int batch) {
    Batches batches = new Batches(data, batch);
    double correct = 0;
    for (int i = 0; i < batches.count(); i++) {
      correct += batches.correct(model, i);
    }
    return batches.accuracy(correct);
  }

  /**
   * A data set cut into evaluation batches, scored one at a time (one buffer is reused, so one
   * thread at a time): summing {@link #correct} over the batches in order and passing the sum to
   * {@link #accuracy} gives {@link Evaluation#accuracy}'s value to the bit, whenever and on
   * whichever thread the batches are scored.
   */
  static final class Batches {
    private final LabeledData data;
    private final int batch;
    private Tensor images;

    Batches(LabeledData data, int batch) {
      if (batch <= 0) {
        throw new IllegalArgumentException("evaluation batch must be positive, got " + batch);
      }
      this.data = data;
      this.batch = batch;
    }

    /** How many batches there are. */
    int count() {
      return (data.size() + batch - 1) / batch;
    }

    /** The number of correctly classified rows of batch {@code index}, as a double. */
    double correct(Model model, int index) {
      int from = index * batch;
      int to = Math.min(data.size(), from + batch);
      // One buffer for every full batch (a new one only for a shorter last batch).
      int[] shape = data.images().shape();
      shape[0] = to - from;
      images = Tensors.reuse(images, data.images(), shape);
      ShapeOps.sliceRows(data.images(), from, to, images);
      Targets targets = Targets.labels(Arrays.copyOfRange(data.labels(), from, to));
      return model.accuracy(images, targets) * (to - from);
    }

    /** The accuracy from the sum of {@link #correct} over all batches. */
    double accuracy(double correct) {
      return data.size() == 0 ? 0 : correct / data.size();
    }
  }
}
