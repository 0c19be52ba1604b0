package io.nabla.loss;

import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;

/**
 * Softmax followed by cross-entropy, fused: the input is the raw scores {@code x} of the last
 * layer. Value: {@code -(1/N) sum_n sum_k t_nk log softmax(x_n)_k}, computed as {@code
 * log-sum-exp(x_n) - x_n . t_n}, which is stable for any scores and needs no {@code log(0)} guard.
 * Gradient: {@code (softmax(x) - t) / N}, exact for this value. With class indices neither
 * computation builds a one-hot matrix.
 */
public final class SoftmaxCrossEntropy implements Loss {

  @Override
  public double value(Tensor x, Targets t) {
    t.checkFits("softmaxCrossEntropy", x);
    int classes = x.dim(-1);
    int rows = Loss.batchSize(x);
    int[] labels = t.isLabels() ? t.labels() : null;
    Tensor target = labels == null ? t.asTensorLike("softmaxCrossEntropy", x) : null;
    double total = 0;
    for (int r = 0, base = 0; r < rows; r++, base += classes) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, x.getFlat(base + k));
      }
      double sumExp = 0;
      for (int k = 0; k < classes; k++) {
        sumExp += Math.exp(x.getFlat(base + k) - max);
      }
      double logSumExp = max + Math.log(sumExp);
      if (labels != null) {
        total += logSumExp - x.getFlat(base + labels[r]);
      } else {
        // sum_k t_k (logsumexp - x_k), allowing targets that are distributions, not only one-hot.
        for (int k = 0; k < classes; k++) {
          double tk = target.getFlat(base + k);
          total += tk * (logSumExp - x.getFlat(base + k));
        }
      }
    }
    return total / rows;
  }

  @Override
  public Tensor gradient(Tensor x, Targets t) {
    t.checkFits("softmaxCrossEntropy", x);
    Tensor grad = NeuralOps.softmax(x);
    if (t.isLabels()) {
      int[] labels = t.labels();
      int classes = x.dim(-1);
      for (int r = 0; r < labels.length; r++) {
        int at = r * classes + labels[r];
        grad.setFlat(at, grad.getFlat(at) - 1);
      }
    } else {
      grad.subi(t.asTensorLike("softmaxCrossEntropy", x));
    }
    return grad.muli(1.0 / Loss.batchSize(x));
  }
}
