package io.nabla.spark;

/** Told on the driver after every round of a distributed fit, in order. */
@FunctionalInterface
public interface RoundListener {

  /** A round has ended. */
  void onRound(RoundSummary summary);
}
