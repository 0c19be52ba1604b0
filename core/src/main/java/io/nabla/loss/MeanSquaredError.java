package io.nabla.loss;

import io.nabla.tensor.Tensor;

/**
 * Mean squared error as the chapter defines it: {@code E = 0.5 * sum_k (y_k - t_k)^2} for one
 * sample, averaged over the rows of a batch. Gradient: {@code (y - t) / N}.
 */
public final class MeanSquaredError implements Loss {

  @Override
  public double value(Tensor y, Targets t) {
    Tensor diff = y.sub(t.asTensorLike("meanSquaredError", y));
    return 0.5 * diff.square().sum() / Loss.batchSize(y);
  }

  @Override
  public Tensor gradient(Tensor y, Targets t) {
    Tensor grad = y.sub(t.asTensorLike("meanSquaredError", y));
    return grad.muli(1.0 / Loss.batchSize(y));
  }
}
