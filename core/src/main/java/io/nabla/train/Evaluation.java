package io.nabla.train;

import io.nabla.data.LabeledData;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
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

  private Evaluation() {}

  /** The fraction of samples the model classifies correctly, evaluated {@code batch} rows at a time. */
  public static double accuracy(Model model, LabeledData data, int batch) {
    if (batch <= 0) {
      throw new IllegalArgumentException("evaluation batch must be positive, got " + batch);
    }
    if (data.size() == 0) {
      return 0;
    }
    double correct = 0;
    Tensor images = null;
    int[] labels = data.labels();
    for (int from = 0; from < data.size(); from += batch) {
      int to = Math.min(data.size(), from + batch);
      // One buffer for every full batch (a new one only for a shorter last batch).
      int[] shape = data.images().shape();
      shape[0] = to - from;
      images = Tensors.reuse(images, data.images(), shape);
      ShapeOps.sliceRows(data.images(), from, to, images);
      Targets targets = Targets.labels(Arrays.copyOfRange(labels, from, to));
      correct += model.accuracy(images, targets) * (to - from);
    }
    return correct / data.size();
  }
}
