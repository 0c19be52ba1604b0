package io.nabla.loss;

import io.nabla.tensor.Tensor;

/**
 * A loss function {@code L(y, t)} of a network output {@code y} and targets {@code t}.
 *
 * <p>A rank-1 {@code y} is one sample and the loss is the chapter's per-sample sum; a rank-2
 * {@code y} is a mini-batch of rows and the loss is averaged over the rows, {@code (1/N) sum_n
 * L(y_n, t_n)}. Implementations are stateless and thread-safe.
 */
public interface Loss {

  /**
   * The loss value.
   *
   * @throws IllegalArgumentException if the targets do not fit {@code y}
   */
  double value(Tensor y, Targets t);

  /**
   * The gradient {@code dL/dy}, a new tensor shaped like {@code y}.
   *
   * @throws IllegalArgumentException if the targets do not fit {@code y}
   */
  Tensor gradient(Tensor y, Targets t);

  /** The number of samples {@code N} a loss over {@code y} is averaged by: 1 for rank 1. */
  static int batchSize(Tensor y) {
    return y.rank() == 1 ? 1 : y.dim(0);
  }
}
