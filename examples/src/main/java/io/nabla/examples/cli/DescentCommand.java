package io.nabla.examples.cli;

import io.nabla.gradcheck.DescentPath;
import io.nabla.gradcheck.GradientDescent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    double[] start = Output.numbers("--init", init);
    if (start.length != 2) {
      throw new IllegalArgumentException("--init: expected two numbers X0,X1, got " + start.length);
    }
    DescentPath path = GradientDescent.minimize(GradientCommand.FUNCTION, start, lr, steps);
    if (plot != null) {
      double[] xs = path.points().stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = path.points().stream().mapToDouble(p -> p[1]).toArray();
      XYChart chart = Plots.chart("Gradient descent from (" + start[0] + ", " + start[1] + "), lr " + lr,
          "x0", "x1");
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
      Plots.save(chart, plot);
    }
    double[] end = path.finalPoint();
    List<Object> points = new ArrayList<>(path.points());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("init", start);
    json.put("lr", lr);
    json.put("steps", steps);
    json.put("final", end);
    json.put("path", points);
    Output.print(spec.commandLine().getOut(), common, json, String.format(Locale.ROOT,
        "gradient descent on x0^2 + x1^2 from (%s, %s), lr %s, %d steps%n  final point (%s, %s)%s",
        start[0], start[1], lr, steps, end[0], end[1], plot == null ? "" : "\n  plot: " + plot));
    return 0;
  }
}
