package io.nabla.spark;

import org.apache.spark.ml.linalg.DenseVector;

/**
 * What scoring makes of one row's raw class scores, in double precision: the softmax
 * probabilities and the predicted class (the highest score, the first of equal ones, as Nabla's
 * own accuracy counts it; with thresholds, Spark's rule: the highest probability divided by its
 * class's threshold).
 */
final class Scores {

  private Scores() {}

  /** {@code softmax(raw)}, written into {@code out}. */
  static void softmax(double[] raw, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (double r : raw) {
      max = Math.max(max, r);
    }
    double sum = 0;
    for (int k = 0; k < raw.length; k++) {
      out[k] = Math.exp(raw[k] - max);
      sum += out[k];
    }
    for (int k = 0; k < raw.length; k++) {
      out[k] /= sum;
    }
  }

  /** The predicted class, from the raw scores or, with {@code thresholds}, the probabilities. */
  static int predict(double[] raw, double[] probability, double[] thresholds) {
    int best = 0;
    if (thresholds == null) {
      for (int k = 1; k < raw.length; k++) {
        if (raw[k] > raw[best]) {
          best = k;
        }
      }
      return best;
    }
    double bestScaled = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < probability.length; k++) {
      double scaled = thresholds[k] == 0 ? Double.POSITIVE_INFINITY : probability[k] / thresholds[k];
      if (scaled > bestScaled) {
        bestScaled = scaled;
        best = k;
      }
    }
    return best;
  }

  /** A dense vector of a copy of {@code values}. */
  static DenseVector vector(double[] values) {
    return new DenseVector(values.clone());
  }
}
