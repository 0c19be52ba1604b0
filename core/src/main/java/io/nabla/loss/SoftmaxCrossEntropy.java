package io.nabla.loss;

import io.nabla.backend.DType;
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
      double logSumExp = logSumExp(x, base, classes);
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
    gradientFromSoftmax(x, t, out);
  }

  /**
   * The loss value from {@code softmax(x)} already computed (as automatic differentiation has it):
   * with class indices, {@code -(1/N) sum_n log p_n[label]}, which reads one probability per row;
   * a row whose probability underflowed to below the dtype's smallest normal number, and targets
   * given as a tensor, take the {@link #value(Tensor, Targets) log-sum-exp form}. Agrees with
   * that form within the rounding of the probabilities (relative 1e-7 in float32).
   */
  public double value(Tensor x, Tensor softmax, Targets t) {
    t.checkFits("softmaxCrossEntropy", x);
    int[] labels = t.labelsView();
    if (labels == null) {
      return value(x, t);
    }
    int classes = x.dim(-1);
    double smallest = x.dtype() == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    double total = 0;
    for (int r = 0; r < labels.length; r++) {
      double p = softmax.getFlat(r * classes + labels[r]);
      int base = r * classes;
      total += p >= smallest ? -Math.log(p) : logSumExp(x, base, classes) - x.getFlat(base + labels[r]);
    }
    return total / labels.length;
  }

  /** {@code log(sum_k exp(x_k))} of the row of {@code classes} elements at {@code base}, stable for any scores. */
  private static double logSumExp(Tensor x, int base, int classes) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      max = Math.max(max, x.getFlat(base + k));
    }
    double sumExp = 0;
    for (int k = 0; k < classes; k++) {
      sumExp += Math.exp(x.getFlat(base + k) - max);
    }
    return max + Math.log(sumExp);
  }

  /**
   * Turns {@code out = softmax(x)} into the gradient {@code (softmax(x) - t) / N} in place.
   *
   * @throws IllegalArgumentException naming the shapes if the targets do not fit x
   */
  public void gradientFromSoftmax(Tensor x, Targets t, Tensor out) {
    t.checkFits("softmaxCrossEntropy", x);
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
