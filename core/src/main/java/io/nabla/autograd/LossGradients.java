package io.nabla.autograd;

import io.nabla.loss.Loss;
import io.nabla.loss.MeanSquaredError;
import io.nabla.loss.SoftmaxCrossEntropy;
import io.nabla.loss.Targets;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Objects;

/**
 * Losses as operations of {@link Variable}: a scalar whose backward pass is the {@link Loss}'s
 * own gradient (for softmax cross-entropy the fused {@code (softmax(x) - t) / N}) scaled by the
 * seed.
 */
final class LossGradients {

  private static final Loss SOFTMAX_CROSS_ENTROPY = new SoftmaxCrossEntropy();
  private static final Loss MEAN_SQUARED_ERROR = new MeanSquaredError();

  private LossGradients() {}

  static Variable softmaxCrossEntropy(Variable y, Targets t) {
    return record("softmaxCrossEntropy", y, SOFTMAX_CROSS_ENTROPY, t);
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
      Tensor dy = loss.gradient(scores, t);
      double seed = g.item();
      return new Tensor[] {seed == 1 ? dy : dy.muli(seed)};
    }, y);
  }
}
