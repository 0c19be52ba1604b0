package io.nabla.train;

/**
 * The accuracies measured at the end of one epoch.
 *
 * @param epoch the epoch number: 0 after the first update, then 1, 2, ...
 * @param iteration the iteration count when it was measured
 * @param trainAccuracy accuracy on the whole training set
 * @param testAccuracy accuracy on the whole test set
 */
public record EpochResult(int epoch, int iteration, double trainAccuracy, double testAccuracy) {}
