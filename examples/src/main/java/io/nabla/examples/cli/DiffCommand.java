package io.nabla.examples.cli;

import io.nabla.examples.results.DerivativeResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The numerical derivative of the chapter's {@code 0.01x^2 + 0.1x}, and its tangent line. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Numerical derivative of f(x) = 0.01x^2 + 0.1x at --x; --plot draws f and the tangent.")
final class DiffCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--x", defaultValue = "5", description = "Where (default: ${DEFAULT-VALUE}).")
  double x;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw f over [0, 20) with the tangent at x.")
  Path plot;

  @Override
  public Integer call() throws Exception {
    DerivativeResult result = DerivativeResult.at(x);
    if (plot != null) {
      Plots.save(chart(result), plot);
      result = result.withPlot(plot);
    }
    Output.print(spec.commandLine().getOut(), common, result);
    return 0;
  }

  /** f over [0, 20) and the tangent at the result's x. */
  private static XYChart chart(DerivativeResult result) {
    int n = 200;
    double[] xs = new double[n];
    double[] fs = new double[n];
    double[] ts = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i * 0.1;
      fs[i] = DerivativeResult.FUNCTION.applyAsDouble(xs[i]);
      ts[i] = result.tangent().valueAt(xs[i]);
    }
    XYChart chart = Plots.chart("f(x) = 0.01x^2 + 0.1x and its tangent at x = " + result.x(), "x", "f(x)");
    Plots.line(chart, "f(x)", xs, fs);
    Plots.line(chart, "tangent at " + result.x(), xs, ts);
    return chart;
  }
}
