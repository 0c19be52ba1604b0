package io.nabla.spark;

import io.nabla.train.DivergenceRule;
import io.nabla.train.TrainingDivergedException;

/**
 * A distributed fit stopped because its loss diverged: it became NaN or infinite, or stayed far
 * beyond where it started ({@link DivergenceRule#standard()}, the single-machine trainer's rule),
 * so the fit returns no model. A {@link TrainingDivergedException}, so code that catches the
 * single-machine trainer's catches this one too, with the same facts ({@link #iteration()}: the
 * optimizer step, counted as {@link RoundSummary#steps()} counts them); and the round and the
 * step size the fit ran at, which {@link #getMessage()} names:
 *
 * <pre>
 * training diverged in round 2 of 20 at step size 1.0E30: the loss became NaN at iteration 41; try a
 * smaller step size than 1.0E30
 * </pre>
 */
public final class FitDivergedException extends TrainingDivergedException {

  private static final long serialVersionUID = 1L;

  private final int round;
  private final int rounds;
  private final double stepSize;
  private final double learningRate;

  /** The loss of optimizer step {@code iteration} in round {@code round} was {@code loss}, NaN or infinite. */
  FitDivergedException(int round, int rounds, double stepSize, double learningRate, int iteration, double loss) {
    super(iteration, loss);
    this.round = round;
    this.rounds = rounds;
    this.stepSize = stepSize;
    this.learningRate = learningRate;
  }

  /** The loss of optimizer step {@code iteration} in round {@code round}, finite, broke {@code rule}. */
  FitDivergedException(int round, int rounds, double stepSize, double learningRate, int iteration, double loss,
      double start, DivergenceRule rule) {
    super(iteration, loss, start, rule);
    this.round = round;
    this.rounds = rounds;
    this.stepSize = stepSize;
    this.learningRate = learningRate;
  }

  /** The round in which the fit stopped, from 1 (in sync mode a round is one step). */
  public int round() {
    return round;
  }

  /** The rounds the fit was set to run ({@code maxIter}). */
  public int rounds() {
    return rounds;
  }

  /** The step size the fit was given ({@code stepSize}). */
  public double stepSize() {
    return stepSize;
  }

  /**
   * The learning rate the optimizer stepped with: the step size, times the partitions that hold
   * rows when local mode scales it ({@code scaleStepSize}).
   */
  public double learningRate() {
    return learningRate;
  }

  /** The round, the step size, what happened ({@link #whatHappened()}) and the advice. */
  @Override
  public String getMessage() {
    String scaled = learningRate == stepSize ? "" : " (" + learningRate + " after scaling by the partitions)";
    return "training diverged in round " + round + " of " + rounds + " at step size " + stepSize + scaled + ": "
        + whatHappened() + "; try a smaller step size than " + stepSize;
  }
}
