package io.nabla.examples.cli;

import io.nabla.examples.results.GradientResult;
import io.nabla.gradcheck.Derivatives;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The gradient of the chapter's {@code x0^2 + x1^2}, and the field of negative gradients. */
@Command(name = "gradient", mixinStandardHelpOptions = true,
    description = "Numerical gradient of f(x0, x1) = x0^2 + x1^2 at --at; --plot draws -grad f on [-2, 2]^2.")
final class GradientCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--at", defaultValue = "3,4", paramLabel = "X0,X1", description = "Where (default: ${DEFAULT-VALUE}).")
  String at;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the negative gradient as arrows.")
  Path plot;

  @Override
  public Integer call() throws Exception {
    GradientResult result = GradientResult.at(Output.point("--at", at));
    if (plot != null) {
      Plots.save(field(), plot);
      result = result.withPlot(plot);
    }
    Output.print(spec.commandLine().getOut(), common, result);
    return 0;
  }

  /** Arrows of -grad f on the chapter's grid [-2, 2] step 0.25, scaled to fit the grid. */
  private static XYChart field() {
    XYChart chart = Plots.chart("-grad f(x0, x1): arrows point to the minimum", "x0", "x1");
    chart.getStyler().setLegendVisible(false);
    int id = 0;
    for (int i = 0; i <= 16; i++) {
      for (int j = 0; j <= 16; j++) {
        double x0 = -2 + 0.25 * i;
        double x1 = -2 + 0.25 * j;
        double[] g = Derivatives.gradient(GradientResult.FUNCTION, new double[] {x0, x1});
        double dx = -0.05 * g[0];
        double dy = -0.05 * g[1];
        double hx = x0 + dx;
        double hy = x1 + dy;
        // Shaft, then a two-stroke head at 25 degrees either side of the reversed direction.
        double angle = Math.atan2(dy, dx);
        double head = 0.25 * Math.hypot(dx, dy);
        double[] xs = {x0, hx, hx - head * Math.cos(angle - 0.44), hx, hx - head * Math.cos(angle + 0.44)};
        double[] ys = {x1, hy, hy - head * Math.sin(angle - 0.44), hy, hy - head * Math.sin(angle + 0.44)};
        XYSeries s = chart.addSeries("arrow" + id++, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(java.awt.Color.DARK_GRAY);
        s.setLineStyle(SeriesLines.SOLID);
      }
    }
    return chart;
  }
}
