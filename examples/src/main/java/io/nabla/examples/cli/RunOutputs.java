package io.nabla.examples.cli;

import io.nabla.io.AtomicFiles;
import io.nabla.model.ModelFile;
import io.nabla.model.TrainingRecord;
import io.nabla.model.Net;
import io.nabla.train.EpochResult;
import io.nabla.train.TrainingHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The files a training run leaves in its output directory, all in one place: {@code model.npz}
 * (also the per-epoch checkpoint), {@code history.csv}, {@code loss.png} and {@code accuracy.png}.
 * Each is written atomically.
 */
final class RunOutputs {

  static final String MODEL = "model.npz";
  static final String HISTORY = "history.csv";
  static final String LOSS_PLOT = "loss.png";
  static final String ACCURACY_PLOT = "accuracy.png";

  private final Path dir;

  private RunOutputs(Path dir) {
    this.dir = dir;
  }

  /** Creates the directory up front, so a bad {@code --out} fails before training, not after. */
  static RunOutputs prepare(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("--out " + dir + ": cannot create the directory (" + e + ")", e);
    }
    if (!Files.isWritable(dir)) {
      throw new IOException("--out " + dir + ": the directory is not writable");
    }
    return new RunOutputs(dir);
  }

  /** The model file, which checkpoints replace after each epoch. */
  Path model() {
    return dir.resolve(MODEL);
  }

  /** Every file a finished run writes, in the order {@link #writeAll} writes them. */
  List<Path> files() {
    return List.of(dir.resolve(HISTORY), dir.resolve(LOSS_PLOT), dir.resolve(ACCURACY_PLOT), model());
  }

  /** Writes the final model with how it was trained, the history and both plots. */
  void writeAll(Net net, TrainingHistory history, TrainingRecord training) throws IOException {
    ModelFile.save(model(), net, training);
    AtomicFiles.write(dir.resolve(HISTORY), out -> out.write(csv(history).getBytes(StandardCharsets.UTF_8)));
    Plots.save(lossChart(history), dir.resolve(LOSS_PLOT));
    Plots.save(accuracyChart(history), dir.resolve(ACCURACY_PLOT));
  }

  private static XYChart lossChart(TrainingHistory history) {
    double[] losses = history.losses();
    double[] steps = new double[losses.length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i + 1;
    }
    XYChart chart = Plots.chart("Mini-batch loss", "iteration", "loss");
    Plots.envelope(chart, "loss", steps, losses, 2000);
    return chart;
  }

  static XYChart accuracyChart(TrainingHistory history) {
    int n = history.epochs().size();
    double[] epochs = new double[n];
    double[] train = new double[n];
    double[] test = new double[n];
    for (int i = 0; i < n; i++) {
      EpochResult r = history.epochs().get(i);
      epochs[i] = r.epoch();
      train[i] = r.trainAccuracy();
      test[i] = r.testAccuracy();
    }
    // Epoch 0 is the untrained net at chance (about 0.1): fitted to it, the axis would span
    // almost 0..1 again. The axis is fitted to the epochs that learned, and the title gives epoch 0.
    String title = "Accuracy";
    double[] range = fittedRange(train, test);
    if (n > 2) {
      range = fittedRange(java.util.Arrays.copyOfRange(train, 1, n), java.util.Arrays.copyOfRange(test, 1, n));
      title = String.format(java.util.Locale.ROOT, "Accuracy (epoch 0, below the axis: train %.3f, test %.3f)",
          train[0], test[0]);
    }
    XYChart chart = Plots.chart(title, "epoch", "accuracy");
    chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
    chart.addSeries("train", epochs, train);
    chart.addSeries("test", epochs, test);
    return chart;
  }

  /**
   * A y-axis range that shows the gap between the curves: the data's extremes padded by a tenth
   * of their spread (at least 0.005), kept within [0, 1]. A fixed 0..1 axis drew the train and
   * test curves of the chapter's run, 0.0025 apart, as one line.
   */
  static double[] fittedRange(double[]... series) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] values : series) {
      for (double v : values) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      return new double[] {0, 1};
    }
    double pad = Math.max(0.1 * (hi - lo), 0.005);
    return new double[] {Math.max(0, lo - pad), Math.min(1, hi + pad)};
  }

  /** One row per iteration: iteration, loss, and on epoch rows the two accuracies. */
  static String csv(TrainingHistory history) {
    StringBuilder sb = new StringBuilder("iteration,loss,epoch,train_accuracy,test_accuracy\n");
    double[] losses = history.losses();
    Map<Integer, EpochResult> byIteration = new LinkedHashMap<>();
    for (EpochResult r : history.epochs()) {
      byIteration.put(r.iteration(), r);
    }
    for (int i = 0; i < losses.length; i++) {
      EpochResult r = byIteration.get(i + 1);
      sb.append(i + 1).append(',').append(losses[i]);
      if (r != null) {
        sb.append(',').append(r.epoch()).append(',').append(r.trainAccuracy()).append(',').append(r.testAccuracy());
      } else {
        sb.append(",,,");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
