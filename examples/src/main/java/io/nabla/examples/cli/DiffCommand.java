package io.nabla.examples.cli;

import io.nabla.gradcheck.Derivatives;
import io.nabla.gradcheck.TangentLine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The numerical derivative of the chapter's {@code 0.01x^2 + 0.1x}, and its tangent line. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Numerical derivative of f(x) = 0.01x^2 + 0.1x at --x; --plot draws f and the tangent.")
final class DiffCommand implements Callable<Integer> {

  /** The chapter's function_1. */
  static final DoubleUnaryOperator FUNCTION = x -> 0.01 * (x * x) + 0.1 * x;

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--x", defaultValue = "5", description = "Where (default: ${DEFAULT-VALUE}).")
  double x;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw f over [0, 20) with the tangent at x.")
  Path plot;

  @Override
  public Integer call() throws Exception {
    double numerical = Derivatives.central(FUNCTION, x);
    double exact = 0.02 * x + 0.1;
    TangentLine tangent = Derivatives.tangentLine(FUNCTION, x);
    if (plot != null) {
      int n = 200;
      double[] xs = new double[n];
      double[] fs = new double[n];
      double[] ts = new double[n];
      for (int i = 0; i < n; i++) {
        xs[i] = i * 0.1;
        fs[i] = FUNCTION.applyAsDouble(xs[i]);
        ts[i] = tangent.valueAt(xs[i]);
      }
      XYChart chart = Plots.chart("f(x) = 0.01x^2 + 0.1x and its tangent at x = " + x, "x", "f(x)");
      Plots.line(chart, "f(x)", xs, fs);
      Plots.line(chart, "tangent at " + x, xs, ts);
      Plots.save(chart, plot);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("x", x);
    json.put("numerical_derivative", numerical);
    json.put("exact_derivative", exact);
    json.put("tangent_slope", tangent.slope());
    json.put("tangent_intercept", tangent.intercept());
    Output.print(spec.commandLine().getOut(), common, json, String.format(Locale.ROOT,
        "f(x) = 0.01x^2 + 0.1x at x = %s%n  central difference (h = 1e-4): %s%n  exact 0.02x + 0.1:"
            + "             %s%n  tangent: y = %s x %+f%s",
        x, numerical, exact, tangent.slope(), tangent.intercept(),
        plot == null ? "" : "\n  plot: " + plot));
    return 0;
  }
}
