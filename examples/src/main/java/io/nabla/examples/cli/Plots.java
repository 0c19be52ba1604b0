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

  /** Writes the chart as a PNG, atomically. */
  static void save(XYChart chart, Path file) throws IOException {
    AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }
}
