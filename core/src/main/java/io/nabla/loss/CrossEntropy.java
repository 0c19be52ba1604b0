package io.nabla.loss;

import io.nabla.tensor.Tensor;

/**
 * Cross-entropy of probabilities {@code y} (already normalized, e.g. by softmax) against targets:
 * {@code E = -sum_k t_k log(y_k + delta)} for one sample, averaged over the rows of a batch. With
 * class indices it is {@code -(1/N) sum_n log(y[n, label_n] + delta)}. Gradient: {@code -t / (y +
 * delta) / N}.
 */
public final class CrossEntropy implements Loss {

  /** Keeps {@code log(0)} finite, as the chapter's {@code delta = 1e-7} does. */
  public static final double LOG_EPSILON = 1e-7;

  @Override
  public double value(Tensor y, Targets t) {
    t.checkFits("crossEntropy", y);
    int n = Loss.batchSize(y);
    if (t.isLabels()) {
      int[] labels = t.labels();
      int classes = y.dim(-1);
      double sum = 0;
      for (int i = 0; i < labels.length; i++) {
        sum += Math.log(y.getFlat(i * classes + labels[i]) + LOG_EPSILON);
      }
      return -sum / n;
    }
    Tensor logs = y.add(LOG_EPSILON).log();
    return -logs.muli(t.asTensorLike("crossEntropy", y)).sum() / n;
  }

  @Override
  public Tensor gradient(Tensor y, Targets t) {
    Tensor target = t.asTensorLike("crossEntropy", y);
    return target.div(y.add(LOG_EPSILON)).muli(-1.0 / Loss.batchSize(y));
  }
}
