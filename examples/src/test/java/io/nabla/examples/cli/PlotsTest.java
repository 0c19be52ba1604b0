package io.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The loss plot's envelope keeps the picture: every bucket's extremes, in order, and no more. */
class PlotsTest {

  @Test
  void envelopeKeepsEachBucketsExtremesInOrder() {
    int n = 10_000;
    double[] x = new double[n];
    double[] y = new double[n];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
      y[i] = 2.3 * Math.exp(-i / 2000.0) + random.nextDouble(0, 0.3);
    }
    y[4321] = 9;
    y[8765] = -1;
    XYChart chart = Plots.chart("t", "x", "y");
    Plots.envelope(chart, "loss", x, y, 2000);
    XYSeries series = chart.getSeriesMap().get("loss");
    double[] xs = series.getXData();
    double[] ys = series.getYData();
    assertEquals(2000, xs.length);
    for (int i = 1; i < xs.length; i++) {
      assertTrue(xs[i] >= xs[i - 1], "x goes back at " + i);
    }
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (double v : ys) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    assertEquals(9, max);
    assertEquals(-1, min);
    // The first bucket (points 1 to 10) contributes its own minimum and maximum.
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 10; i++) {
      lo = Math.min(lo, y[i]);
      hi = Math.max(hi, y[i]);
    }
    assertEquals(Math.min(lo, hi), Math.min(ys[0], ys[1]));
    assertEquals(Math.max(lo, hi), Math.max(ys[0], ys[1]));
  }

  @Test
  void shortSeriesAreDrawnWhole() {
    double[] x = {1, 2, 3};
    double[] y = {3, 1, 2};
    XYChart chart = Plots.chart("t", "x", "y");
    Plots.envelope(chart, "loss", x, y, 2000);
    assertArrayEquals(y, chart.getSeriesMap().get("loss").getYData());
  }
}
