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
    int[] labels = t.labelsView();
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
    Tensor grad = x.zerosLike();
    gradient(x, t, grad);
    return grad;
  }

  /**
   * The gradient {@code (softmax(x) - t) / N} written into {@code out}, a tensor of x's shape,
   * dtype and backend (a training loop reuses it from step to step). Modifies {@code out} only.
   *
   * @throws IllegalArgumentException naming the shapes if out does not match x
   */
  public void gradient(Tensor x, Targets t, Tensor out) {
    t.checkFits("softmaxCrossEntropy", x);
    NeuralOps.softmax(x, out);
    int[] labels = t.labelsView();
    if (labels != null) {
      int classes = x.dim(-1);
      for (int r = 0; r < labels.length; r++) {
        int at = r * classes + labels[r];
        out.setFlat(at, out.getFlat(at) - 1);
      }
    } else {
      out.subi(t.asTensorLike("softmaxCrossEntropy", x));
    }
    out.muli(1.0 / Loss.batchSize(x));
  }
}
