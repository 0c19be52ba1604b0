package io.nabla.spark;

/**
 * {@code sum_p w_p x_p} over flat arrays, accumulated in double precision in the order the terms
 * are added: the partitions' order, so that the result does not depend on which task finished
 * first. The first term is taken as {@code w_1 x_1} itself, so that one term of weight 1 gives
 * back its own bits (a sum starting from zero would turn a {@code -0.0} into {@code 0.0}).
 */
final class WeightedSum {

  private double[] sum;
  private FlatTensors like;

  /** Adds {@code weight * x}. */
  void add(double weight, FlatTensors x) {
    if (sum == null) {
      like = x;
      sum = new double[x.length()];
      for (int i = 0; i < sum.length; i++) {
        sum[i] = weight * x.get(i);
      }
      return;
    }
    if (x.length() != sum.length) {
      throw new IllegalStateException("weighted sum: a term of " + x.length() + " elements, expected " + sum.length);
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] += weight * x.get(i);
    }
  }

  /** The sum, rounded to the terms' dtype, with their names and shapes. */
  FlatTensors result() {
    if (sum == null) {
      throw new IllegalStateException("weighted sum: no terms were added");
    }
    return like.withValues(sum);
  }
}
