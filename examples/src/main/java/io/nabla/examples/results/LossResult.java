package io.nabla.examples.results;

import io.nabla.loss.CrossEntropy;
import io.nabla.loss.MeanSquaredError;
import io.nabla.loss.Targets;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mean squared error and cross-entropy of network outputs against targets ({@code nabla loss}).
 *
 * @param cases one per output and target pair
 */
public record LossResult(List<Case> cases) implements CommandResult {

  /** The chapter's 10-class target: the correct class is 2. */
  private static final double[] CHAPTER_TARGET = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0};

  /**
   * The two losses of one output against one target.
   *
   * @param y the network's output
   * @param t the target (one-hot or a distribution)
   * @param meanSquaredError half the summed squared difference, the chapter's
   * @param crossEntropy minus the target-weighted log of the output
   */
  public record Case(List<Double> y, List<Double> t, double meanSquaredError, double crossEntropy) {

    /** Keeps unmodifiable copies of the vectors. */
    public Case {
      y = List.copyOf(y);
      t = List.copyOf(t);
    }

    /** The class the output puts most weight on. */
    public int peak() {
      int best = 0;
      for (int i = 1; i < y.size(); i++) {
        if (y.get(i) > y.get(best)) {
          best = i;
        }
      }
      return best;
    }

    Map<String, Object> json() {
      return Fields.ordered("y", y, "t", t, "mean_squared_error", meanSquaredError, "cross_entropy", crossEntropy);
    }
  }

  /** Keeps an unmodifiable copy of the cases. */
  public LossResult {
    cases = List.copyOf(cases);
  }

  /**
   * The losses of {@code y} against {@code t}.
   *
   * @throws IllegalArgumentException naming both lengths if they differ
   */
  public static Case of(double[] y, double[] t) {
    Tensor yt = Tensors.vector(DType.FLOAT64, y);
    Tensor tt = Tensors.vector(DType.FLOAT64, t);
    return new Case(Fields.list(y), Fields.list(t), new MeanSquaredError().value(yt, Targets.oneHot(tt)),
        new CrossEntropy().value(yt, Targets.oneHot(tt)));
  }

  /** The chapter's example: 0.6 on the correct class 2, then 0.6 on class 7. */
  public static LossResult chapterExamples() {
    return new LossResult(List.of(
        of(new double[] {0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0}, CHAPTER_TARGET),
        of(new double[] {0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0}, CHAPTER_TARGET)));
  }

  @Override
  public String text() {
    return cases.stream()
        .map(c -> String.format(Locale.ROOT, "y = %s%n  mean squared error %.4f  cross-entropy %.4f",
            c.y(), c.meanSquaredError(), c.crossEntropy()))
        .collect(Collectors.joining(System.lineSeparator()));
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered("cases", cases.stream().map(Case::json).toList());
  }
}
