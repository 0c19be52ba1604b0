package io.nabla.examples.results;

import io.nabla.gradcheck.Derivatives;
import io.nabla.gradcheck.TangentLine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The numerical derivative of the chapter's {@code f(x) = 0.01x^2 + 0.1x} at one point, the exact
 * one beside it, and the tangent there ({@code nabla diff}).
 *
 * @param x where
 * @param numerical the central difference with {@code h = 1e-4}
 * @param exact {@code 0.02x + 0.1}
 * @param tangent the tangent line at {@code x}, from the numerical slope
 * @param plot the chart of f and the tangent, if one was drawn
 */
public record DerivativeResult(double x, double numerical, double exact, TangentLine tangent, Optional<Path> plot)
    implements CommandResult {

  /** The chapter's function_1. */
  public static final DoubleUnaryOperator FUNCTION = x -> 0.01 * (x * x) + 0.1 * x;

  /** The derivative at {@code x}, without a plot. */
  public static DerivativeResult at(double x) {
    return new DerivativeResult(x, Derivatives.central(FUNCTION, x), 0.02 * x + 0.1,
        Derivatives.tangentLine(FUNCTION, x), Optional.empty());
  }

  /** This result with the chart drawn to {@code file}. */
  public DerivativeResult withPlot(Path file) {
    return new DerivativeResult(x, numerical, exact, tangent, Optional.of(file));
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT,
        "f(x) = 0.01x^2 + 0.1x at x = %s%n  central difference (h = 1e-4): %s%n  exact 0.02x + 0.1:"
            + "             %s%n  tangent: y = %s x %+f%s",
        x, numerical, exact, tangent.slope(), tangent.intercept(), plot.map(p -> System.lineSeparator() + "  plot: " + p).orElse(""));
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = Fields.ordered("x", x, "numerical_derivative", numerical, "exact_derivative", exact,
        "tangent_slope", tangent.slope(), "tangent_intercept", tangent.intercept());
    plot.ifPresent(p -> json.put("plot", p.toString()));
    return json;
  }
}
