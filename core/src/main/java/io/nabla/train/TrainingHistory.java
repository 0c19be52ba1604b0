package io.nabla.train;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;

/**
 * What a training run recorded: the mini-batch loss of every iteration and the accuracies of
 * every epoch.
 *
 * @param losses the loss of iteration i at index i - 1
 * @param epochs one entry per epoch, in order
 */
public record TrainingHistory(double[] losses, List<EpochResult> epochs) {

  /** Copies both. */
  public TrainingHistory {
    losses = losses.clone();
    epochs = ImmutableList.copyOf(epochs);
  }

  /** The last epoch's result. @throws IllegalStateException if there was no epoch */
  public EpochResult lastEpoch() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("the run ended before its first epoch");
    }
    return epochs.get(epochs.size() - 1);
  }

  @Override
  public double[] losses() {
    return losses.clone();
  }

  @Override
  public String toString() {
    return "TrainingHistory[" + losses.length + " iterations, epochs " + epochs + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingHistory h && Arrays.equals(losses, h.losses) && epochs.equals(h.epochs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(losses) + epochs.hashCode();
  }
}
