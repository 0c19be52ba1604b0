package io.nabla.autograd;

import io.nabla.loss.Loss;
import io.nabla.loss.MeanSquaredError;
import io.nabla.loss.SoftmaxCrossEntropy;
import io.nabla.loss.Targets;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Objects;

/**
 * Losses as operations of {@link Variable}: a scalar whose backward pass is the {@link Loss}'s
 * own gradient (for softmax cross-entropy the fused {@code (softmax(x) - t) / N}) scaled by the
 * seed.
 */
final class LossGradients {

  private static final SoftmaxCrossEntropy SOFTMAX_CROSS_ENTROPY = new SoftmaxCrossEntropy();
  private static final Loss MEAN_SQUARED_ERROR = new MeanSquaredError();

  private LossGradients() {}

  /**
   * Fused: the softmax runs once, in the forward pass; the value reads one probability per row,
   * and the backward pass turns a copy of the probabilities into {@code (softmax - t) / N}.
   */
  static Variable softmaxCrossEntropy(Variable y, Targets t) {
    Objects.requireNonNull(t, "softmaxCrossEntropy: targets are null");
    Tensor scores = y.value();
    t.checkFits("softmaxCrossEntropy", scores);
    Tensor probabilities = NeuralOps.softmax(scores);
    double loss = SOFTMAX_CROSS_ENTROPY.value(scores, probabilities, t);
    Tensor value = Tensors.full(scores.backend(), loss, scores.dtype(), new int[0]);
    return Node.record("softmaxCrossEntropy", value, new Tensor[] {scores, probabilities}, g -> {
      Tensor dy = probabilities.copy();
      SOFTMAX_CROSS_ENTROPY.gradientFromSoftmax(scores, t, dy);
      return new Tensor[] {scaled(dy, g)};
    }, y);
  }

  static Variable meanSquaredError(Variable y, Targets t) {
    return record("meanSquaredError", y, MEAN_SQUARED_ERROR, t);
  }

  static Variable loss(Variable y, Loss loss, Targets t) {
    Objects.requireNonNull(loss, "loss: the loss is null");
    return record("loss " + loss.getClass().getSimpleName(), y, loss, t);
  }

  private static Variable record(String name, Variable y, Loss loss, Targets t) {
    Objects.requireNonNull(t, () -> name + ": targets are null");
    Tensor scores = y.value();
    Tensor value = Tensors.full(scores.backend(), loss.value(scores, t), scores.dtype(), new int[0]);
    return Node.record(name, value, new Tensor[] {scores}, g -> {
      return new Tensor[] {scaled(loss.gradient(scores, t), g)};
    }, y);
  }

  /** {@code dy} times the scalar seed {@code g}, in place (1, the usual seed, costs nothing). */
  private static Tensor scaled(Tensor dy, Tensor g) {
    double seed = g.item();
    return seed == 1 ? dy : dy.muli(seed);
  }
}
