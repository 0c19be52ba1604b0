package io.nabla.train;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Training cannot usefully continue: the loss became NaN or infinite, or stayed far beyond where
 * it started ({@link DivergenceRule}). The facts are fields, so that a caller can word its own
 * message (the command line names its {@code --lr}); {@link #getMessage()} is this class's wording.
 */
public class TrainingDivergedException extends RuntimeException {

  /** Which way the loss diverged. */
  public enum Kind {
    /** The loss became NaN or infinite. */
    NOT_FINITE,
    /** The loss stayed above the rule's multiple of its start for the rule's patience. */
    STAYED_ABOVE_START
  }

  private final int iteration;
  private final double loss;
  private final double startingLoss;
  /** The rule the loss broke; null when the loss was not finite. */
  private final DivergenceRule rule;

  /** What this class's message adds to {@link #whatHappened()}. */
  private static final String ADVICE = ": training diverged; try a smaller learning rate";

  /** Creates the exception for the iteration whose loss was {@code loss} (NaN or infinite). */
  public TrainingDivergedException(int iteration, double loss) {
    super(describe(iteration, loss, Double.NaN, null) + ADVICE);
    this.iteration = iteration;
    this.loss = loss;
    this.startingLoss = Double.NaN;
    this.rule = null;
  }

  /** Creates the exception for a finite loss that broke {@code rule}, starting from {@code start}. */
  public TrainingDivergedException(int iteration, double loss, double start, DivergenceRule rule) {
    super(describe(iteration, loss, start, Objects.requireNonNull(rule, "rule")) + ADVICE);
    this.iteration = iteration;
    this.loss = loss;
    this.startingLoss = start;
    this.rule = rule;
  }

  /**
   * What happened, without advice: "the loss became NaN at iteration 7", or with the rule's
   * terms, "... above 100x its starting 2.3026 for 50 iterations in a row".
   */
  public String whatHappened() {
    return describe(iteration, loss, startingLoss, rule);
  }

  private static String describe(int iteration, double loss, double start, DivergenceRule rule) {
    String what = "the loss became " + loss + " at iteration " + iteration;
    if (rule == null) {
      return what;
    }
    return what + ", above " + String.format(Locale.ROOT, "%.0fx its starting %.4f", rule.factor(), start)
        + " for " + rule.patience() + " iterations in a row";
  }

  /** Which way the loss diverged. */
  public Kind kind() {
    return rule == null ? Kind.NOT_FINITE : Kind.STAYED_ABOVE_START;
  }

  /** The iteration at which the run stopped. */
  public int iteration() {
    return iteration;
  }

  /** The loss at that iteration. */
  public double loss() {
    return loss;
  }

  /** The loss the run started from, for {@link Kind#STAYED_ABOVE_START}; else empty. */
  public Optional<Double> startingLoss() {
    return rule == null ? Optional.empty() : Optional.of(startingLoss);
  }

  /** The rule the loss broke, for {@link Kind#STAYED_ABOVE_START}; else empty. */
  public Optional<DivergenceRule> rule() {
    return Optional.ofNullable(rule);
  }
}
