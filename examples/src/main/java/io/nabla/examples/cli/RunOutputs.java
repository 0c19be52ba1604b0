package io.nabla.examples.cli;

import io.nabla.io.AtomicFiles;
import io.nabla.model.ModelFile;
import io.nabla.model.TwoLayerNet;
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

  /** Writes the final model, the history and both plots. */
  void writeAll(TwoLayerNet net, TrainingHistory history) throws IOException {
    ModelFile.save(model(), net);
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

  private static XYChart accuracyChart(TrainingHistory history) {
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
    XYChart chart = Plots.chart("Accuracy", "epoch", "accuracy");
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.addSeries("train", epochs, train);
    chart.addSeries("test", epochs, test);
    return chart;
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
