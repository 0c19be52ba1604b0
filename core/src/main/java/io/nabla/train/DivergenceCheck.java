package io.nabla.train;

import java.util.Objects;

/**
 * The {@link DivergenceRule} applied to a run's losses, one iteration at a time and in order: the
 * one place the rule is decided, for both loops of the {@link Trainer} and for Spark's fits. A
 * loss that is NaN or infinite stops the run whether the rule is on or off; one that stays above
 * the rule's multiple of the starting loss for the rule's patience stops it when the rule is on.
 */
public final class DivergenceCheck {

  private final DivergenceRule rule;
  private double start = Double.NaN;
  private int beyond;

  /** A check of {@code rule} that has seen no loss yet. */
  public DivergenceCheck(DivergenceRule rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** Whether the rule is on: a loop computes the starting loss only then. */
  public boolean isOn() {
    return rule.isOn();
  }

  /**
   * Sets the loss the run starts from, that of the first batch before any update; without this
   * call the first loss checked is taken as the start.
   */
  public void start(double loss) {
    start = loss;
  }

  /**
   * Checks iteration {@code iteration}'s loss; call once per iteration, in order.
   *
   * @throws TrainingDivergedException if the loss is not finite, or has stayed beyond the rule's
   *     bound for its patience
   */
  public void check(int iteration, double loss) {
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException(iteration, loss);
    }
    if (!rule.isOn()) {
      return;
    }
    if (Double.isNaN(start)) {
      start = loss;
    }
    beyond = loss > rule.factor() * start ? beyond + 1 : 0;
    if (beyond >= rule.patience()) {
      throw new TrainingDivergedException(iteration, loss, start, rule);
    }
  }
}
