package io.nabla.loss;

import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;

/**
 * Softmax followed by cross-entropy, fused: the input is the raw scores {@code x} of the last
 * layer. Value: {@code -(1/N) sum_n sum_k t_nk log softmax(x_n)_k}, computed as {@code
 * log-sum-exp(x_n) - x_n . t_n}, which is stable for any scores and needs no {@code log(0)} guard.
 * Gradient: {@code (softmax(x) - t) / N}, exact for this value.
 */
public final class SoftmaxCrossEntropy implements Loss {

  @Override
  public double value(Tensor x, Targets t) {
    Tensor target = t.asTensorLike("softmaxCrossEntropy", x);
    int classes = x.dim(-1);
    int rows = Loss.batchSize(x);
    Tensor scores = x.reshape(rows, classes);
    Tensor max = scores.max(-1);
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double m = max.getFlat(r);
      double sumExp = 0;
      double targetMass = 0;
      double dot = 0;
      for (int k = 0; k < classes; k++) {
        double s = scores.getFlat(r * classes + k);
        double tk = target.getFlat(r * classes + k);
        sumExp += Math.exp(s - m);
        targetMass += tk;
        dot += tk * s;
      }
      // sum_k t_k (logsumexp - x_k), allowing targets that are distributions, not only one-hot.
      total += targetMass * (m + Math.log(sumExp)) - dot;
    }
    return total / rows;
  }

  @Override
  public Tensor gradient(Tensor x, Targets t) {
    Tensor target = t.asTensorLike("softmaxCrossEntropy", x);
    Tensor grad = NeuralOps.softmax(x);
    grad.subi(target);
    return grad.muli(1.0 / Loss.batchSize(x));
  }
}
