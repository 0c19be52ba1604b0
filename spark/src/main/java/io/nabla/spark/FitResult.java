package io.nabla.spark;

import io.nabla.model.FeedForwardNet;
import java.util.List;

/**
 * A finished distributed fit: the trained net (on the driver, on the fit's backend) and what each
 * round did.
 *
 * @param net the trained net: a {@link io.nabla.model.TwoLayerNet} for three layer sizes, a
 *     {@link io.nabla.model.MultiLayerNet} otherwise
 * @param rounds every round's summary, in order
 * @param partitions the training data's partitions that held rows
 * @param rows the training rows
 */
public record FitResult(FeedForwardNet net, List<RoundSummary> rounds, int partitions, long rows) {

  /** Keeps an unmodifiable copy of the rounds. */
  public FitResult {
    rounds = List.copyOf(rounds);
  }
}
