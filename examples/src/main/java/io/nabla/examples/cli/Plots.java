package io.nabla.examples.cli;

import io.nabla.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts written as PNG with XChart, atomically. */
final class Plots {

  private Plots() {}

  /** A new 800x500 chart with a title and axis names. */
  static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setMarkerSize(0);
    return chart;
  }

  /** Adds a line series without markers. */
  static void line(XYChart chart, String name, double[] x, double[] y) {
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }

  /**
   * Adds a long, noisy series as its envelope: the minimum and maximum of each of about {@code
   * maxPoints / 2} consecutive buckets, in order, so an 800-pixel-wide chart shows the same
   * picture as all the points at a fraction of the drawing time (10000 loss values took about a
   * second to draw).
   */
  static void envelope(XYChart chart, String name, double[] x, double[] y, int maxPoints) {
    int buckets = Math.max(1, maxPoints / 2);
    if (x.length <= maxPoints) {
      line(chart, name, x, y);
      return;
    }
    double[] xs = new double[2 * buckets];
    double[] ys = new double[2 * buckets];
    int used = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) x.length * b / buckets);
      int to = (int) ((long) x.length * (b + 1) / buckets);
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        lo = y[i] < y[lo] ? i : lo;
        hi = y[i] > y[hi] ? i : hi;
      }
      int first = Math.min(lo, hi);
      int second = Math.max(lo, hi);
      xs[used] = x[first];
      ys[used++] = y[first];
      xs[used] = x[second];
      ys[used++] = y[second];
    }
    line(chart, name, xs, ys);
  }

  /**
   * Starts drawing a small chart into nothing on a daemon thread, so that the first real chart
   * does not pay for loading Java2D, its fonts and XChart (measured on a 2-core AMD EPYC Zen 5,
   * JDK 17 and 25: the first chart of a JVM took 1.0-1.5 s, the next 0.2-0.34 s).
   */
  static void warmUpInBackground() {
    Thread thread = new Thread(() -> {
      XYChart chart = chart("warm-up", "x", "y");
      line(chart, "y", new double[] {0, 1, 2}, new double[] {0, 1, 0});
      try {
        BitmapEncoder.saveBitmap(chart, java.io.OutputStream.nullOutputStream(), BitmapEncoder.BitmapFormat.PNG);
      } catch (Exception | Error e) {
        // Only a warm-up (a headless JDK without fonts fails here too): the real chart reports it.
      }
    }, "nabla-plot-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  /** Writes the chart as a PNG, atomically. */
  static void save(XYChart chart, Path file) throws IOException {
    AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }
}
