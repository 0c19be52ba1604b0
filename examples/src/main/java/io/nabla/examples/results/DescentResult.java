package io.nabla.examples.results;

import io.nabla.gradcheck.DescentPath;
import io.nabla.gradcheck.GradientDescent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gradient descent on the chapter's {@code x0^2 + x1^2} ({@code nabla descent}).
 *
 * @param init the start
 * @param lr the learning rate
 * @param steps how many steps
 * @param path every point visited, the start first
 * @param plot the chart of the path, if one was drawn
 */
public record DescentResult(List<Double> init, double lr, int steps, DescentPath path, Optional<Path> plot)
    implements CommandResult {

  /** Keeps an unmodifiable copy of the start. */
  public DescentResult {
    init = List.copyOf(init);
  }

  /**
   * Runs the descent from {@code init}.
   *
   * @throws IllegalArgumentException if the start does not have two coordinates
   */
  public static DescentResult run(double[] init, double lr, int steps) {
    if (init.length != 2) {
      throw new IllegalArgumentException("expected two numbers X0,X1, got " + init.length);
    }
    return new DescentResult(Fields.list(init), lr, steps,
        GradientDescent.minimize(GradientResult.FUNCTION, init, lr, steps), Optional.empty());
  }

  /** This result with the chart drawn to {@code file}. */
  public DescentResult withPlot(Path file) {
    return new DescentResult(init, lr, steps, path, Optional.of(file));
  }

  /** Where the descent ended. */
  public double[] finalPoint() {
    return path.finalPoint();
  }

  @Override
  public String text() {
    double[] end = finalPoint();
    return String.format(Locale.ROOT,
        "gradient descent on x0^2 + x1^2 from (%s, %s), lr %s, %d steps%n  final point (%s, %s)%s",
        init.get(0), init.get(1), lr, steps, end[0], end[1], plot.map(p -> System.lineSeparator() + "  plot: " + p).orElse(""));
  }

  @Override
  public Map<String, Object> json() {
    List<Object> points = new ArrayList<>(path.points());
    Map<String, Object> json = Fields.ordered("init", init, "lr", lr, "steps", steps, "final", finalPoint(),
        "path", points);
    plot.ifPresent(p -> json.put("plot", p.toString()));
    return json;
  }
}
