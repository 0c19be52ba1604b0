package io.nabla.examples.cli;

import io.nabla.backend.Backends;
import io.nabla.data.MnistData;
import io.nabla.io.AtomicFiles;
import io.nabla.io.Npz;
import io.nabla.layer.Parameter;
import io.nabla.model.Activation;
import io.nabla.model.TwoLayerNet;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import io.nabla.train.EpochResult;
import io.nabla.train.Trainer;
import io.nabla.train.TrainingDivergedException;
import io.nabla.train.TrainingConfig;
import io.nabla.train.TrainingHistory;
import io.nabla.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The main job: the chapter's TwoLayerNet trained on MNIST with per-epoch accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the chapter's two-layer net on MNIST; write history.csv, loss.png,"
        + " accuracy.png and model.npz to --out.")
final class TrainCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin ComputeOptions compute;
  @Mixin DataOptions dataOptions;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--iters", defaultValue = "10000", description = "Iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--batch", defaultValue = "100", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--hidden", defaultValue = "50", description = "Hidden units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--optimizer", defaultValue = "sgd",
      description = "sgd, momentum, adagrad or adam (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--activation", defaultValue = "sigmoid", description = "sigmoid or relu (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--shuffle", description = "Shuffled epochs instead of the chapter's draws with replacement.")
  boolean shuffle;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and batches (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "nabla-run", paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws IOException {
    DType dtype = compute.apply();
    // Kernels get ready (compiled, on the SIMD backend) while the data loads.
    Backends.current().warmUp(dtype);
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(iterations)
        .withBatchSize(batch).withSeed(seed).withShuffledEpochs(shuffle);
    var optimizerInstance = Optimizers.byName(optimizer, learningRate);
    Activation act = parseActivation(activation);
    prepareOutput(out);
    PrintWriter text = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = new ProgressBar(err);
    MnistData data = dataOptions.load(dtype, (file, done, total) -> bar.update(done, total, "download " + file));
    bar.clear();
    TwoLayerNet net = TwoLayerNet.builder(data.train().images().dim(1), hidden, 10).dtype(dtype)
        .seed(seed).activation(act).build();
    if (!common.json) {
      text.printf(Locale.ROOT, "train %d, test %d samples; backend %s, %s, %d iterations, batch %d, lr %s, %s%n",
          data.train().size(), data.test().size(), Backends.current().name(), dtype.label(),
          iterations, batch, learningRate, optimizer);
      text.flush();
    }
    Trainer trainer = new Trainer(config).addListener(new TrainingListener() {
      @Override
      public void onIteration(int iteration, int total, double loss) {
        bar.update(iteration, total,
            () -> String.format(Locale.ROOT, "iter %d/%d loss %.4f", iteration, total, loss));
      }

      @Override
      public void onEpoch(EpochResult r) {
        saveCheckpoint(net, r);
        if (!common.json) {
          bar.clear();
          text.printf(Locale.ROOT, "epoch %2d  iter %5d  train acc %.4f  test acc %.4f%n",
              r.epoch(), r.iteration(), r.trainAccuracy(), r.testAccuracy());
          text.flush();
        }
      }
    });
    long started = System.nanoTime();
    TrainingHistory history;
    try {
      history = trainer.train(net, optimizerInstance, data.train(), data.test());
    } catch (TrainingDivergedException e) {
      bar.clear();
      throw new IllegalStateException(e.getMessage() + (lastCheckpoint == null
          ? "; no epoch finished, so no checkpoint was written"
          : "; the last good parameters (epoch " + lastCheckpoint.epoch() + ", test accuracy "
              + String.format(Locale.ROOT, "%.4f", lastCheckpoint.testAccuracy()) + ") are in "
              + out.resolve("model.npz")), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    bar.clear();
    writeOutputs(net, history);
    EpochResult last = history.lastEpoch();
    if (common.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("backend", Backends.current().name());
      json.put("dtype", dtype.label());
      json.put("iterations", iterations);
      json.put("seconds", seconds);
      json.put("final_train_accuracy", last.trainAccuracy());
      json.put("final_test_accuracy", last.testAccuracy());
      List<Object> epochs = new ArrayList<>();
      for (EpochResult r : history.epochs()) {
        epochs.add(Map.of("epoch", r.epoch(), "iteration", r.iteration(),
            "train_accuracy", r.trainAccuracy(), "test_accuracy", r.testAccuracy()));
      }
      json.put("epochs", epochs);
      json.put("out", out.toString());
      text.println(Json.render(json));
    } else {
      text.printf(Locale.ROOT, "train acc, test acc | %.4f, %.4f  (%.1f s)%nwrote %s%n",
          last.trainAccuracy(), last.testAccuracy(), seconds,
          String.join(", ", List.of("history.csv", "loss.png", "accuracy.png", "model.npz")
              .stream().map(f -> out.resolve(f).toString()).toList()));
    }
    return 0;
  }

  /** The epoch whose parameters model.npz holds, or null before the first epoch. */
  private EpochResult lastCheckpoint;

  /**
   * Saves the parameters after each epoch's evaluation, atomically, so a run that diverges or is
   * killed leaves the last good model behind. A diverged epoch (NaN accuracy cannot happen, but
   * non-finite weights can) is not saved.
   */
  private void saveCheckpoint(TwoLayerNet net, EpochResult r) {
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (Parameter p : net.parameters()) {
      if (!Double.isFinite(p.value().abs().max())) {
        return;
      }
      params.put(p.name(), p.value());
    }
    try {
      Npz.save(out.resolve("model.npz"), params);
      lastCheckpoint = r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Activation parseActivation(String name) {
    try {
      return Activation.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown activation '" + name + "'; expected sigmoid or relu");
    }
  }

  /** Creates the output directory up front, so a bad --out fails before training, not after. */
  private static void prepareOutput(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("--out " + dir + ": cannot create the directory (" + e + ")", e);
    }
    if (!Files.isWritable(dir)) {
      throw new IOException("--out " + dir + ": the directory is not writable");
    }
  }

  private void writeOutputs(TwoLayerNet net, TrainingHistory history) throws IOException {
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (Parameter p : net.parameters()) {
      params.put(p.name(), p.value());
    }
    Npz.save(out.resolve("model.npz"), params);
    AtomicFiles.write(out.resolve("history.csv"), stream -> stream.write(csv(history).getBytes(StandardCharsets.UTF_8)));
    double[] losses = history.losses();
    double[] steps = new double[losses.length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i + 1;
    }
    XYChart loss = Plots.chart("Mini-batch loss", "iteration", "loss");
    Plots.envelope(loss, "loss", steps, losses, 2000);
    Plots.save(loss, out.resolve("loss.png"));
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
    XYChart accuracy = Plots.chart("Accuracy", "epoch", "accuracy");
    accuracy.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    accuracy.addSeries("train", epochs, train);
    accuracy.addSeries("test", epochs, test);
    Plots.save(accuracy, out.resolve("accuracy.png"));
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
