package io.nabla.spark;

import java.util.Locale;

/** How {@link DistributedTrainer} spreads training over a data set's partitions. */
public enum TrainingMode {
  /**
   * Local steps with parameter averaging (the default): each round, every partition trains a
   * copy of the net for a number of mini-batch steps on its own rows (by default one pass over
   * them), and the driver averages the copies' parameters and optimizer state, weighted by rows.
   * One Spark job a round.
   */
  LOCAL_STEPS("local"),
  /**
   * Synchronous gradient averaging: the driver draws each global mini-batch, every partition
   * returns the gradient over its rows of it, and the driver's optimizer takes the step with
   * their row-weighted sum: the single-machine run's arithmetic, whatever the optimizer. One Spark
   * job a step.
   */
  SYNC_GRADIENT("sync");

  private final String label;

  TrainingMode(String label) {
    this.label = label;
  }

  /** The name as users write it: {@code local} or {@code sync}. */
  public String label() {
    return label;
  }

  /**
   * The mode with this label, in any case.
   *
   * @throws IllegalArgumentException naming the text and the choices
   */
  public static TrainingMode parse(String text) {
    for (TrainingMode mode : values()) {
      if (mode.label.equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown training mode '" + text + "'; expected local or sync");
  }

  @Override
  public String toString() {
    return label;
  }
}
