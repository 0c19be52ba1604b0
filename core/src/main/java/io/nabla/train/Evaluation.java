package io.nabla.train;

import io.nabla.data.LabeledData;
import io.nabla.loss.Targets;
import io.nabla.model.Model;

/** Accuracy over a whole data set, computed in batches so no full-size temporaries are needed. */
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
    for (int from = 0; from < data.size(); from += batch) {
      int to = Math.min(data.size(), from + batch);
      LabeledData part = data.slice(from, to);
      correct += model.accuracy(part.images(), Targets.labels(part.labels())) * (to - from);
    }
    return correct / data.size();
  }
}
