package io.nabla.train;

import io.nabla.model.Model;

/** Told how training advances; every method does nothing unless overridden. */
public interface TrainingListener {

  /**
   * After each iteration (from 1), with that mini-batch's loss. When the trainer scores on a
   * second core, this may come some updates later: read the model's parameters in {@link
   * #onEpoch(EpochResult, Model)}, not here.
   */
  default void onIteration(int iteration, int iterations, double loss) {}

  /**
   * After each epoch's evaluation; the live model may have moved on since (see {@link
   * #onEpoch(EpochResult, Model)} for the parameters that were evaluated).
   */
  default void onEpoch(EpochResult result) {}

  /**
   * After each epoch's evaluation, with the model whose parameters were evaluated: the trained
   * model itself, or a copy of its parameters at that epoch when training has moved on while the
   * epoch was evaluated in the background (listeners are still told everything in iteration
   * order). A copy may be reused once the call returns: copy what you keep. Calls {@link
   * #onEpoch(EpochResult)} unless overridden; a listener that reads the parameters (a
   * checkpoint, say) overrides this one.
   */
  default void onEpoch(EpochResult result, Model evaluated) {
    onEpoch(result);
  }
}
