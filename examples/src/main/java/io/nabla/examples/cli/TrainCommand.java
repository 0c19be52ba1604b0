package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.data.DatasetFingerprint;
import io.nabla.data.MnistData;
import io.nabla.examples.results.TrainResult;
import io.nabla.model.Activation;
import io.nabla.model.TrainingRecord;
import io.nabla.model.Net;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.backend.DType;
import io.nabla.train.CheckpointListener;
import io.nabla.train.DivergenceRule;
import io.nabla.train.Evaluation;
import io.nabla.train.Trainer;
import io.nabla.train.TrainingConfig;
import io.nabla.train.TrainingDivergedException;
import io.nabla.train.TrainingHistory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: the chapter's TwoLayerNet trained on MNIST with per-epoch accuracy. This class
 * reads the options and wires the parts: {@link Trainer} runs the loop, {@link CheckpointListener}
 * saves each epoch, {@link TrainingConsole} shows progress, {@link RunOutputs} writes the files.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the chapter's two-layer net on MNIST; write history.csv, loss.png,"
        + " accuracy.png and model.npz to --out.")
final class TrainCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin ComputeOptions compute;
  @Mixin DataOptions dataOptions;
  @Mixin NetOptions netOptions;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--iters", defaultValue = "10000", description = "Iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Train for N epochs instead of --iters: N times the training rows over the batch size.")
  Integer epochs;

  @Option(names = "--batch", defaultValue = "100", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.1",
      description = "Learning rate (default: ${DEFAULT-VALUE}, or the book's for a --net it names).")
  double learningRate;

  @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "NAME",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, or the book's for a --net it names).")
  OptimizerKind optimizer;

  @Option(names = "--shuffle", description = "Shuffled epochs instead of the chapter's draws with replacement.")
  boolean shuffle;

  @Option(names = "--no-divergence-check",
      description = "Keep going when the loss stays above 100x its start for 50 iterations (NaN still stops).")
  boolean noDivergenceCheck;

  @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
  boolean noProgress;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and batches (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "nabla-run", paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  @Override
  public Integer call() throws IOException {
    Backend backend = compute.backend();
    DType dtype = compute.dtype;
    // The kernels get ready (compiled) while the data loads. A warm-up of the training step's Java
    // as well (a tiny net trained on a third thread) saved 2 % of the training time but cost 4-9 %
    // of the whole command's, competing with the load on two cores, so there is none.
    backend.warmUp(dtype);
    netOptions.weightInit(); // a bad --init or --weight-decay is told before the data loads
    netOptions.weightDecay();
    netOptions.preset().ifPresent(p -> {
      if (!given("--optimizer")) {
        optimizer = p.optimizer();
      }
      if (!given("--lr")) {
        learningRate = p.learningRate();
      }
    });
    if (epochs != null) {
      if (given("--iters")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--epochs and --iters both say how long to"
            + " train; give one");
      }
      if (epochs < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
      }
    }
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(iterations)
        .withBatchSize(batch).withSeed(seed).withShuffledEpochs(shuffle)
        .withDivergence(noDivergenceCheck ? DivergenceRule.off() : DivergenceRule.standard());
    var optimizerInstance = optimizer.create(learningRate);
    RunOutputs outputs = RunOutputs.prepare(out);
    PrintWriter text = spec.commandLine().getOut();
    ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), !noProgress);
    Path dir = dataOptions.locate((file, done, total) -> bar.update(done, total, "download " + file));
    bar.clear();
    MnistData data = DataOptions.loadFrom(dir, backend, dtype);
    DatasetFingerprint fingerprint = DatasetFingerprint.ofMnistLayout(dataOptions.dataset.label(), dir);
    if (shuffle && batch > data.train().size()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--batch " + batch + " is larger than the "
          + data.train().size() + " training rows: with --shuffle each epoch visits every row once, so a batch"
          + " holds at most " + data.train().size() + " (without --shuffle batches are drawn with replacement,"
          + " as the chapter does, and may be larger)");
    }
    if (epochs != null) {
      long total = (long) epochs * config.iterationsPerEpoch(data.train().size());
      if (total > Integer.MAX_VALUE) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--epochs " + epochs + " makes " + total
            + " iterations, more than " + Integer.MAX_VALUE);
      }
      iterations = (int) total;
      config = config.withIterations(iterations);
    }
    Net net = netOptions.build(data.train().images().dim(1), dtype, seed, backend);
    config = config.withEvaluationBatch(Evaluation.batchFor(net));
    if (!common.json) {
      text.printf(Locale.ROOT, "train %d, test %d samples; backend %s, %s, %d iterations, batch %d, lr %s, %s%n",
          data.train().size(), data.test().size(), backend.name(), dtype.label(),
          iterations, batch, learningRate, optimizer);
      text.flush();
    }
    TrainingRecord drawn = config.record(optimizerInstance, backend, fingerprint, Instant.now())
        .withWeightDecay(netOptions.weightDecay());
    TrainingRecord record = netOptions.initialModel()
        .map(file -> drawn.withInitialWeightsFrom(String.valueOf(file.getFileName())))
        .orElseGet(() -> drawn.withWeightInit(netOptions.weightInit()));
    CheckpointListener checkpoints = new CheckpointListener(net, outputs.model(), record);
    Trainer trainer = new Trainer(config).addListener(checkpoints)
        .addListener(new TrainingConsole(bar, text, common.json));
    // Training starts on compiled kernels: running them cold beside the compiler costs more than
    // the wait (Backend#awaitWarmUp has the figures).
    try {
      backend.awaitWarmUp(dtype);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the kernels warmed up");
    }
    // The charts' Java2D loads beside training rather than before the first chart, after it.
    Plots.warmUpInBackground();
    long started = System.nanoTime();
    TrainingHistory history;
    try {
      history = trainer.train(net, optimizerInstance, data.train(), data.test());
    } catch (TrainingDivergedException e) {
      bar.clear();
      throw new IllegalStateException(e.whatHappened() + ": training diverged; try a smaller learning rate than --lr "
          + learningRate + checkpoints.lastSaved()
          .map(r -> "; the parameters of the last finished epoch (epoch " + r.epoch() + ", test accuracy "
              + String.format(Locale.ROOT, "%.4f", r.testAccuracy()) + ") are in " + checkpoints.file())
          .orElse("; no epoch finished, so no checkpoint was written"), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    bar.clear();
    outputs.writeAll(net, history, record.withIterationsDone(iterations));
    // The last epoch's evaluation may precede the last iterations (the chapter evaluates every
    // 600 of them); the saved model is scored too, so that eval of model.npz can be checked.
    double modelTestAccuracy = Evaluation.accuracy(net, data.test(), config.evaluationBatch());
    Output.print(text, common, new TrainResult(backend.name(), dtype.label(), iterations, seconds, history.epochs(),
        modelTestAccuracy, out, outputs.files()));
    return 0;
  }
}
