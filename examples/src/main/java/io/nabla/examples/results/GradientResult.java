package io.nabla.examples.results;

import io.nabla.gradcheck.Derivatives;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The numerical gradient of the chapter's {@code f(x0, x1) = x0^2 + x1^2} at one point
 * ({@code nabla gradient}).
 *
 * @param at the point (x0, x1)
 * @param gradient the central-difference gradient there
 * @param plot the chart of the negative gradient field, if one was drawn
 */
public record GradientResult(List<Double> at, List<Double> gradient, Optional<Path> plot) implements CommandResult {

  /** The chapter's function_2. */
  public static final ToDoubleFunction<double[]> FUNCTION = x -> x[0] * x[0] + x[1] * x[1];

  /** Keeps unmodifiable copies of the coordinates. */
  public GradientResult {
    at = List.copyOf(at);
    gradient = List.copyOf(gradient);
  }

  /**
   * The gradient at {@code point}, without a plot.
   *
   * @throws IllegalArgumentException if the point does not have two coordinates
   */
  public static GradientResult at(double[] point) {
    if (point.length != 2) {
      throw new IllegalArgumentException("expected two numbers X0,X1, got " + point.length);
    }
    return new GradientResult(Fields.list(point), Fields.list(Derivatives.gradient(FUNCTION, point)), Optional.empty());
  }

  /** This result with the chart drawn to {@code file}. */
  public GradientResult withPlot(Path file) {
    return new GradientResult(at, gradient, Optional.of(file));
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT, "gradient of x0^2 + x1^2 at (%s, %s): (%s, %s)%s", at.get(0), at.get(1),
        gradient.get(0), gradient.get(1), plot.map(p -> System.lineSeparator() + "  plot: " + p).orElse(""));
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = Fields.ordered("at", at, "gradient", gradient);
    plot.ifPresent(p -> json.put("plot", p.toString()));
    return json;
  }
}
