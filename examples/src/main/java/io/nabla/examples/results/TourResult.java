package io.nabla.examples.results;

import io.nabla.backend.BackendReport;
import io.nabla.backend.Backends;
import io.nabla.gradcheck.Derivatives;
import io.nabla.model.SimpleNet;
import io.nabla.backend.DType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every worked example of the chapter in one run ({@code nabla tour}), made of the subcommands'
 * own results, so that each number and JSON key is the one {@code nabla loss}, {@code diff},
 * {@code gradient}, {@code descent} and {@code simplenet} give; the tour adds the chapter's
 * rounding-error demonstration and a small net learning synthetic data.
 *
 * @param backendReport the backends found and the JDK, as {@code nabla backends} prints them
 * @param backend the backend the tour ran on
 * @param losses the chapter's two loss examples
 * @param forwardDifferenceTinyH the chapter's naive forward difference at 5 with {@code h = 1e-50}
 * @param derivatives the derivative of {@code 0.01x^2 + 0.1x} at 5 and at 10
 * @param gradients the gradient of {@code x0^2 + x1^2} at (3, 4), (0, 2) and (3, 0)
 * @param descents gradient descent from (-3, 4), 100 steps, at learning rates 0.1, 10 and 1e-10
 * @param simpleNet simpleNet with the chapter's weights
 * @param twoLayerNet the small net on synthetic data
 */
public record TourResult(
    String backendReport, String backend, LossResult losses, double forwardDifferenceTinyH,
    List<DerivativeResult> derivatives, List<GradientResult> gradients, List<DescentResult> descents,
    SimpleNetResult simpleNet, BlobsTrainingResult twoLayerNet) implements CommandResult {

  /** The step of the chapter's naive forward difference, which rounds to nothing. */
  public static final double TINY_H = 1e-50;

  /** Keeps unmodifiable copies of the lists. */
  public TourResult {
    derivatives = List.copyOf(derivatives);
    gradients = List.copyOf(gradients);
    descents = List.copyOf(descents);
  }

  /** Runs every example on the current backend. */
  public static TourResult run() {
    String backend = Backends.current().name();
    List<DescentResult> descents = Arrays.stream(new double[] {0.1, 10, 1e-10})
        .mapToObj(lr -> DescentResult.run(new double[] {-3, 4}, lr, 100)).toList();
    return new TourResult(BackendReport.describe(), backend, LossResult.chapterExamples(),
        Derivatives.forward(DerivativeResult.FUNCTION, 5, TINY_H),
        List.of(DerivativeResult.at(5), DerivativeResult.at(10)),
        List.of(GradientResult.at(new double[] {3, 4}), GradientResult.at(new double[] {0, 2}),
            GradientResult.at(new double[] {3, 0})),
        descents, SimpleNetResult.of(SimpleNet.withChaptersWeight(Backends.current(), DType.FLOAT64)),
        BlobsTrainingResult.run());
  }

  @Override
  public String text() {
    StringBuilder out = new StringBuilder();
    line(out, backendReport);
    line(out, "");
    line(out, "Nabla chapter tour on backend '" + backend + "'");
    section(out, "Loss functions (10 classes, correct class 2)");
    for (LossResult.Case c : losses.cases()) {
      line(out, String.format(Locale.ROOT, "  y peaks at %d: MSE %.4f  cross-entropy %.4f", c.peak(),
          c.meanSquaredError(), c.crossEntropy()));
    }
    section(out, "Numerical differentiation of f(x) = 0.01x^2 + 0.1x");
    line(out, "  forward difference, h = 1e-50, at 5: " + forwardDifferenceTinyH);
    for (DerivativeResult d : derivatives) {
      line(out, String.format(Locale.ROOT, "  central difference, h = 1e-4, %5s: %s (exact %s)",
          "at " + (int) d.x(), d.numerical(), short12(d.exact())));
    }
    DerivativeResult first = derivatives.get(0);
    line(out, String.format(Locale.ROOT, "  tangent at %d: y = %.6f x %+.6f", (int) first.x(), first.tangent().slope(),
        first.tangent().intercept()));
    section(out, "Gradient of f(x0, x1) = x0^2 + x1^2 and gradient descent from (-3, 4)");
    for (GradientResult g : gradients) {
      line(out, "  gradient at " + g.at() + ": " + g.gradient());
    }
    for (DescentResult d : descents) {
      line(out, "  lr " + d.lr() + ", " + d.steps() + " steps -> " + Arrays.toString(d.finalPoint()));
    }
    section(out, "simpleNet with the chapter's weights");
    line(out, "  predict " + simpleNet.prediction());
    line(out, String.format(Locale.ROOT, "  loss %.6f", simpleNet.loss()));
    line(out, "  numerical dW " + simpleNet.dW());
    section(out, "TwoLayerNet(10, 16, 3) on three Gaussian blobs: SGD, lr 0.1, batch 50");
    out.append(twoLayerNet.text());
    return out.toString();
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered(
        "backend", backend,
        "losses", losses.json(),
        "rounding_error", Fields.ordered("x", 5.0, "h", TINY_H, "forward_difference", forwardDifferenceTinyH),
        "derivatives", derivatives.stream().map(d -> (Object) d.json()).toList(),
        "gradients", gradients.stream().map(g -> (Object) g.json()).toList(),
        "gradient_descent", descents.stream().map(d -> (Object) d.json()).toList(),
        "simple_net", simpleNet.json(),
        "two_layer_net", twoLayerNet.json());
  }

  /** The exact value to 12 significant digits: 0.3, not 0.30000000000000004. */
  private static String short12(double value) {
    return new BigDecimal(value).round(new MathContext(12)).stripTrailingZeros().toPlainString();
  }

  private static void section(StringBuilder out, String title) {
    line(out, "");
    line(out, title);
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append(System.lineSeparator());
  }
}
