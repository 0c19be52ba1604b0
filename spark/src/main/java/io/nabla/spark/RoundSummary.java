package io.nabla.spark;

import java.io.Serializable;

/**
 * What one round of distributed training did: a round is one Spark job, K local steps per
 * partition in {@link TrainingMode#LOCAL_STEPS}, one global step in {@link
 * TrainingMode#SYNC_GRADIENT}.
 *
 * @param round the round, from 1
 * @param rounds the rounds of the fit
 * @param steps optimizer steps per partition so far (local) or global steps so far (sync)
 * @param samples rows trained on so far, over all partitions (a row counts once per batch it is in)
 * @param loss the mean batch loss of this round, each batch's loss taken before its update
 * @param trainAccuracy accuracy on the whole training data after this round, or NaN if not evaluated
 * @param validationAccuracy accuracy on the validation data after this round, or NaN if there is
 *     none or it was not evaluated
 * @param seconds wall time of the round, evaluation included
 */
public record RoundSummary(
    int round, int rounds, long steps, long samples, double loss, double trainAccuracy,
    double validationAccuracy, double seconds) implements Serializable {

  /** Whether the accuracies were measured after this round. */
  public boolean evaluated() {
    return !Double.isNaN(trainAccuracy);
  }
}
