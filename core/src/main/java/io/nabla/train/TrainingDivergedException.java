package io.nabla.train;

/** The loss became NaN or infinite: training cannot continue from there. */
public class TrainingDivergedException extends RuntimeException {

  private final int iteration;

  /** Creates the exception for the iteration whose loss was {@code loss}. */
  public TrainingDivergedException(int iteration, double loss) {
    super("the loss became " + loss + " at iteration " + iteration
        + ": training diverged; try a smaller learning rate");
    this.iteration = iteration;
  }

  /** The iteration whose loss was not finite. */
  public int iteration() {
    return iteration;
  }
}
