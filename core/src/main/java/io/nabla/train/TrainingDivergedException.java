package io.nabla.train;

/**
 * Training cannot usefully continue: the loss became NaN or infinite, or stayed far beyond where
 * it started ({@link DivergenceRule}).
 */
public class TrainingDivergedException extends RuntimeException {

  private final int iteration;

  /** Creates the exception for the iteration whose loss was {@code loss} (NaN or infinite). */
  public TrainingDivergedException(int iteration, double loss) {
    super("the loss became " + loss + " at iteration " + iteration
        + ": training diverged; try a smaller learning rate");
    this.iteration = iteration;
  }

  /** Creates the exception for a finite loss that broke {@code rule}, starting from {@code start}. */
  public TrainingDivergedException(int iteration, double loss, double start, DivergenceRule rule) {
    super("the loss became " + loss + " at iteration " + iteration + ", above "
        + String.format(java.util.Locale.ROOT, "%.0fx its starting %.4f", rule.factor(), start)
        + " for " + rule.patience() + " iterations in a row: training diverged; try a smaller learning rate");
    this.iteration = iteration;
  }

  /** The iteration at which the run stopped. */
  public int iteration() {
    return iteration;
  }
}
