package io.nabla.train;

import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training run records and tells its listeners, in iteration order: each iteration's
 * loss, checked against the divergence rule, and each epoch's accuracies. Both loops of the
 * {@link Trainer} go through it, so they decide and report alike.
 */
final class RunRecord {

  private final DivergenceCheck divergence;
  private final List<TrainingListener> listeners;
  private final double[] losses;
  private final List<EpochResult> epochs = new ArrayList<>();

  RunRecord(TrainingConfig config, List<TrainingListener> listeners) {
    this.divergence = new DivergenceCheck(config.divergence());
    this.listeners = List.copyOf(listeners);
    this.losses = new double[config.iterations()];
  }

  /**
   * On the first iteration, when the rule is on, records the loss of its batch before any
   * update: where the run starts from.
   */
  void noteStart(int iteration, Model model, Tensor images, Targets targets) {
    if (iteration == 1 && divergence.isOn()) {
      divergence.start(model.loss(images, targets));
    }
  }

  /**
   * Applies the divergence rule to iteration {@code iteration}'s loss; call once per iteration,
   * in order.
   *
   * @throws TrainingDivergedException if the loss is not finite or has stayed beyond the rule's
   *     bound for its patience
   */
  void check(int iteration, double loss) {
    divergence.check(iteration, loss);
  }

  /** Records iteration {@code iteration}'s loss and tells the listeners. */
  void iterationDone(int iteration, double loss) {
    losses[iteration - 1] = loss;
    for (TrainingListener l : listeners) {
      l.onIteration(iteration, losses.length, loss);
    }
  }

  /** Records an epoch's result, measured on {@code evaluated}, and tells the listeners. */
  void epochDone(EpochResult result, Model evaluated) {
    epochs.add(result);
    for (TrainingListener l : listeners) {
      l.onEpoch(result, evaluated);
    }
  }

  /** The run's history so far. */
  TrainingHistory history() {
    return new TrainingHistory(losses, epochs);
  }
}
