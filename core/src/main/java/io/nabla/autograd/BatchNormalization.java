package io.nabla.autograd;

import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.Objects;

/**
 * Batch normalization in its training form (the book's chapter 6; Ioffe and Szegedy, 2015): each
 * feature normalized by the batch's own mean and variance, then scaled and shifted. Written as
 * operations of {@link Variable}, so automatic differentiation gives its gradient, including the
 * paths through the mean and the variance that make the book's backward pass long.
 */
final class BatchNormalization {

  private BatchNormalization() {}

  /**
   * {@code gamma * (x - mean) / sqrt(var + epsilon) + beta}, the mean and the (biased) variance
   * taken per feature over the batch: over axis 0 of [batch, features], over axes 0, 2 and 3 of
   * images [batch, channels, height, width] (one statistic per channel, as PyTorch's and ONNX's
   * BatchNormalization). {@code gamma} and {@code beta} are [features] or [channels].
   */
  static Variable batchNorm(Variable x, Variable gamma, Variable beta, double epsilon) {
    return batchNorm(x, gamma, beta, epsilon, null, null, 0);
  }

  /**
   * As {@link #batchNorm(Variable, Variable, Variable, double)}, and moves the running statistics
   * (when given, [features]) towards the batch's: {@code running = momentum * running + (1 -
   * momentum) * batch}, from the statistics the normalization computed, not a second pass.
   */
  static Variable batchNorm(Variable x, Variable gamma, Variable beta, double epsilon, Tensor runningMean,
      Tensor runningVariance, double momentum) {
    Objects.requireNonNull(gamma, "batchNorm: gamma is null");
    Objects.requireNonNull(beta, "batchNorm: beta is null");
    int[] axes = statisticAxes("batchNorm", x.value());
    int features = x.value().dim(1);
    for (Variable p : new Variable[] {gamma, beta}) {
      if (!p.value().hasShape(features)) {
        throw new IllegalArgumentException("batchNorm: gamma " + Shapes.format(gamma.shape()) + " and beta "
            + Shapes.format(beta.shape()) + " must be [" + features + "], one per feature of "
            + Shapes.format(x.shape()));
      }
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("batchNorm: epsilon must be positive and finite, got " + epsilon);
    }
    int[] perFeature = featureShape(x.value());
    Variable mean = x.mean(true, axes);
    Variable centred = x.sub(mean);
    Variable variance = centred.mul(centred).mean(true, axes);
    if (runningMean != null) {
      for (Tensor running : new Tensor[] {runningMean, runningVariance}) {
        if (!running.hasShape(features) || running.dtype() != x.dtype()) {
          throw new IllegalArgumentException("batchNorm: running statistics " + running.describe() + " must be "
              + x.dtype().label() + Shapes.format(features));
        }
      }
      runningMean.muli(momentum).addScaledi(1 - momentum, mean.value().reshape(features));
      runningVariance.muli(momentum).addScaledi(1 - momentum, variance.value().reshape(features));
    }
    Variable normalized = centred.div(variance.add(epsilon).sqrt());
    return normalized.mul(gamma.reshape(perFeature)).add(beta.reshape(perFeature));
  }

  /**
   * The axes a feature's statistics run over: 0 for [batch, features], 0, 2 and 3 for images.
   *
   * @throws IllegalArgumentException naming the shape if it is neither, or the batch has no rows
   */
  static int[] statisticAxes(String operation, Tensor x) {
    if (x.rank() != 2 && x.rank() != 4) {
      throw new IllegalArgumentException(operation + ": takes [batch, features] or images [batch, channels, height,"
          + " width], not " + Shapes.format(x.shape()));
    }
    if (x.dim(0) == 0) {
      throw new IllegalArgumentException(operation + ": a batch of no samples " + Shapes.format(x.shape())
          + " has no statistics");
    }
    return x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
  }

  /** The shape a per-feature vector broadcasts as over {@code x}: [1, C] or [1, C, 1, 1]. */
  static int[] featureShape(Tensor x) {
    return x.rank() == 2 ? new int[] {1, x.dim(1)} : new int[] {1, x.dim(1), 1, 1};
  }
}
