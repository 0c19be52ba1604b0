package io.nabla.spark;

import io.nabla.train.DivergenceCheck;
import io.nabla.train.DivergenceRule;
import io.nabla.train.TrainingDivergedException;

/**
 * The single-machine trainer's divergence rule ({@link DivergenceCheck}), applied on the driver to the batch losses a
 * distributed fit's tasks report, one optimizer step at a time and in order: a loss that is NaN or
 * infinite stops the fit at once, and one that stays above the rule's multiple of the starting
 * loss for the rule's patience stops it too. The starting loss is that of the first step's batch
 * before any update; in local mode a step's loss is the row-weighted mean over the partitions of
 * their batch losses at that step of the round. The fit stops with a {@link FitDivergedException}
 * after the round whose job reported the loss, before that round is recorded.
 */
final class DivergenceWatch {

  private final DivergenceCheck check;
  private final double stepSize;
  private final double learningRate;

  /**
   * @param stepSize the step size the fit was given, for the message
   * @param learningRate the rate the optimizer steps with (scaled by the partitions, or not)
   */
  DivergenceWatch(DivergenceRule rule, double stepSize, double learningRate) {
    this.check = new DivergenceCheck(rule);
    this.stepSize = stepSize;
    this.learningRate = learningRate;
  }

  /**
   * Applies the rule to the losses of one round's optimizer steps, in order.
   *
   * @param round the round, from 1
   * @param rounds the rounds of the fit
   * @param firstStep the number of the round's first optimizer step in the fit, from 1
   * @param losses each step's batch loss, taken before its update
   * @throws FitDivergedException naming the round, the step and the step size if the loss diverged
   */
  void check(int round, int rounds, long firstStep, double[] losses) {
    for (int k = 0; k < losses.length; k++) {
      int step = (int) Math.min(Integer.MAX_VALUE, firstStep + k);
      double loss = losses[k];
      try {
        check.check(step, loss);
      } catch (TrainingDivergedException e) {
        throw e.startingLoss().isPresent()
            ? new FitDivergedException(round, rounds, stepSize, learningRate, step, loss, e.startingLoss().get(),
                e.rule().orElseThrow())
            : new FitDivergedException(round, rounds, stepSize, learningRate, step, loss);
      }
    }
  }
}
