package io.nabla.train;

/** Told how training advances; every method does nothing unless overridden. */
public interface TrainingListener {

  /** After each iteration (from 1), with that mini-batch's loss. */
  default void onIteration(int iteration, int iterations, double loss) {}

  /** After each epoch's evaluation. */
  default void onEpoch(EpochResult result) {}
}
