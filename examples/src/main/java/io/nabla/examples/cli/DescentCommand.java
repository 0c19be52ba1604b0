package io.nabla.examples.cli;

import io.nabla.examples.results.DescentResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Gradient descent on {@code x0^2 + x1^2}, its final point and the path. */
@Command(name = "descent", mixinStandardHelpOptions = true,
    description = "Gradient descent on f(x0, x1) = x0^2 + x1^2; --plot draws the path.")
final class DescentCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--init", defaultValue = "-3,4", paramLabel = "X0,X1", description = "Start (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--steps", defaultValue = "100", description = "Steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the path.")
  Path plot;

  @Override
  public Integer call() throws Exception {
    DescentResult result = DescentResult.run(Output.point("--init", init), lr, steps);
    if (plot != null) {
      Plots.save(chart(result), plot);
      result = result.withPlot(plot);
    }
    Output.print(spec.commandLine().getOut(), common, result);
    return 0;
  }

  /** The path over the contour circles f = 1, 4, 9, 16, 25. */
  private static XYChart chart(DescentResult result) {
    double[] xs = result.path().points().stream().mapToDouble(p -> p[0]).toArray();
    double[] ys = result.path().points().stream().mapToDouble(p -> p[1]).toArray();
    XYChart chart = Plots.chart("Gradient descent from (" + result.init().get(0) + ", " + result.init().get(1) + "), lr "
        + result.lr(), "x0", "x1");
    chart.addSeries("path", xs, ys).setMarker(SeriesMarkers.CIRCLE);
    chart.getStyler().setMarkerSize(6);
    for (double r : new double[] {1, 2, 3, 4, 5}) {
      double[] cx = new double[101];
      double[] cy = new double[101];
      for (int i = 0; i <= 100; i++) {
        cx[i] = r * Math.cos(2 * Math.PI * i / 100);
        cy[i] = r * Math.sin(2 * Math.PI * i / 100);
      }
      chart.addSeries("f = " + (int) (r * r), cx, cy).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
