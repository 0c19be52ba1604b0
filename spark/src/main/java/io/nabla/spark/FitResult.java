package io.nabla.spark;

import io.nabla.model.Net;
import io.nabla.model.TrainingRecord;
import java.util.List;
import java.util.Objects;

/**
 * A finished distributed fit: the trained net (on the driver, on the fit's backend), what each
 * round did, and how it was trained, which {@code ModelFile.save(file, net(), training())} writes
 * beside the net.
 *
 * @param net the trained net, with the fit's weight decay: for a fully connected net a {@link
 *     io.nabla.model.FeedForwardNet} (a {@link io.nabla.model.TwoLayerNet} for three layer sizes, a
 *     {@link io.nabla.model.MultiLayerNet} otherwise), a {@link Net} of the architecture otherwise
 * @param rounds every round's summary, in order
 * @param partitions the training data's partitions that held rows
 * @param rows the training rows
 * @param training how the net was trained: settings, steps, seed, backend, the rows' digest and
 *     when the fit started (see {@link FitTrainingRecord} for what each field holds)
 */
public record FitResult(
    Net net, List<RoundSummary> rounds, int partitions, long rows, TrainingRecord training) {

  /** Keeps an unmodifiable copy of the rounds. */
  public FitResult {
    rounds = List.copyOf(rounds);
    Objects.requireNonNull(training, "training");
  }
}
