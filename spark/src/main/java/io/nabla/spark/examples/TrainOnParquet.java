package io.nabla.spark.examples;

import io.nabla.layer.Parameter;
import io.nabla.model.Architecture;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.model.WeightInit;
import io.nabla.spark.DistributedTrainer;
import io.nabla.spark.FitDivergedException;
import io.nabla.spark.NablaClassificationModel;
import io.nabla.spark.NablaClassifier;
import io.nabla.spark.RoundSummary;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains {@link NablaClassifier} on Parquet tables (columns {@code features} and {@code label},
 * as {@link MnistToParquet} writes them), printing each round's loss and train and test accuracy,
 * then the test accuracy Spark's evaluator gives the model, and a SHA-256 of its parameters (two
 * runs that print the same one trained the same bits). A fit whose loss diverges ends with one
 * line naming the round and the learning rate, and exit code 1.
 *
 * <p>The net is the chapter's fully connected one of {@code --layers}, or any net Nabla can write
 * as text, convolutional ones included: {@code --net} (layers as text, or a preset's name, {@code
 * simple-conv} or {@code deep-conv}, which brings the book's optimizer and learning rate unless
 * {@code --optimizer} or {@code --lr} are given, as {@code nabla train --net} does), read from each
 * row's features as one sample of {@code --input-shape}. {@code --init} and {@code --weight-decay}
 * apply to either. The options take the main command line's names and words ({@code nabla train}).
 * A bad value of these options ends with picocli's error naming the option and exit code 2, before
 * any training.
 */
@Command(name = "train-on-parquet", mixinStandardHelpOptions = true,
    description = "Trains NablaClassifier on Parquet and prints per-round train/test accuracy. The net is"
        + " --layers (fully connected) or --net (any net as text, convolutional ones included, or a preset).")
public final class TrainOnParquet implements Callable<Integer> {

  /** MNIST's image shape, [channels, height, width]: the default --input-shape of a net that takes images. */
  private static final int[] MNIST_IMAGE = {1, 28, 28};

  @Spec CommandSpec spec;

  @Option(names = "--train", required = true, paramLabel = "PATH", description = "Training table (Parquet).")
  String train;

  @Option(names = "--test", required = true, paramLabel = "PATH", description = "Test table (Parquet).")
  String test;

  @Option(names = "--layers", defaultValue = "784,50,10", split = ",", paramLabel = "SIZES", hideParamSyntax = true,
      description = "Layer sizes of a fully connected net with sigmoid between its layers, inputs first (default:"
          + " 784,50,10, the chapter's TwoLayerNet). Not with --net.")
  int[] layers;

  @Option(names = "--net", paramLabel = "LAYERS|simple-conv|deep-conv",
      description = "Any net as text, instead of --layers: layers in order, such as 'conv(30,5) relu maxpool(2)"
          + " affine(100) relu affine(10)' or 'affine(100) relu residual(affine(100) relu) affine(10)'. Layers:"
          + " affine(N), sigmoid, relu, tanh, leaky_relu, residual(LAYERS) (x + LAYERS(x)),"
          + " conv(FILTERS,SIZE[,STRIDE,PADDING]), maxpool(SIZE[,STRIDE]), avgpool(SIZE[,STRIDE]), dropout(P) (in"
          + " training only). The last layer gives the class scores. Or the book's nets by name: simple-conv"
          + " (chapter 7) or deep-conv (chapter 8), with the book's optimizer, learning rate and initial weights"
          + " (Adam 0.001; deep-conv He) unless --optimizer, --lr or --init say otherwise.")
  String net;

  @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W", hideParamSyntax = true,
      description = "With --net: one sample's shape, each row's features read as one sample of it (default: 1,28,28,"
          + " MNIST's images, for a net that starts with conv or a pooling; else the features' length, as in 784).")
  int[] inputShape;

  @Option(names = "--init", paramLabel = "RULE",
      description = "Initial weights, each from N(0, s^2): normal (the chapter's s = 0.01), normal(S), he (s ="
          + " sqrt(2/n), for ReLU nets) or xavier (s = sqrt(1/n), for sigmoid and tanh), n a layer's inputs (default:"
          + " normal, or the book's for a --net it names).")
  String init;

  @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "LAMBDA",
      description = "L2 weight decay (the book's chapter 6): the loss adds LAMBDA/2 times the sum of the weights'"
          + " squares, biases excepted (default: ${DEFAULT-VALUE}, none).")
  double weightDecay;

  @Option(names = "--rounds", defaultValue = "17",
      description = "maxIter: rounds in local mode, steps in sync mode (default: 17, about the chapter's samples).")
  int rounds;

  @Option(names = "--batch", defaultValue = "100", description = "Rows per mini-batch (default: 100).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.1",
      description = "Learning rate (default: 0.1, or the book's for a --net it names: 0.001).")
  double lr;

  @Option(names = "--scale-lr", description = "Multiply the learning rate by the number of partitions.")
  boolean scaleLearningRate;

  @Option(names = "--optimizer", defaultValue = "sgd",
      description = "sgd, momentum, adagrad or adam (default: sgd, or the book's for a --net it names: adam).")
  String optimizer;

  @Option(names = "--mode", defaultValue = "local", description = "local (default) or sync.")
  String mode;

  @Option(names = "--local-steps", defaultValue = "0", description = "Steps per round in local mode (0: one pass).")
  int localSteps;

  @Option(names = "--partitions", description = "Repartition the training rows into N (default: as read).")
  Integer partitions;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: 42).")
  long seed;

  @Option(names = "--backend", defaultValue = "auto", description = "Nabla backend (default: auto).")
  String backend;

  @Option(names = "--save", paramLabel = "PATH", description = "Save the model there (Spark ML format).")
  String save;

  @Option(names = "--expect-accuracy", paramLabel = "X",
      description = "Exit with code 3 if the test accuracy is below X.")
  Double expected;

  @Option(names = "--no-round-accuracy",
      description = "Do not measure train and test accuracy after each pass (only the final test accuracy).")
  boolean noRoundAccuracy;

  @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[2]).")
  String master;

  @Override
  public Integer call() throws Exception {
    // Bad net options are told before Spark starts (all but a shape read from the data).
    Optional<Architecture> architecture = architecture();
    int[] shape = architecture.isPresent() && (inputShape != null || architecture.get().takesImages())
        ? sampleShape(architecture.get(), () -> 0) : null;
    checkWeightInit();
    checkWeightDecay();
    preset().ifPresent(p -> {
      if (!given("--optimizer")) {
        optimizer = p.optimizer().label();
      }
      if (!given("--lr")) {
        lr = p.learningRate();
      }
    });
    SparkSession spark = Sessions.start("nabla train-on-parquet", master);
    try {
      return run(spark, architecture, shape);
    } finally {
      spark.stop();
    }
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private CommandLine.ParameterException error(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** The book's net --net names, if it names one. */
  private Optional<Preset> preset() {
    return net == null ? Optional.empty() : Preset.named(net);
  }

  /**
   * The layers --net gives, if given.
   *
   * @throws CommandLine.ParameterException naming --net if it does not parse or comes with --layers,
   *     naming --input-shape if it comes without --net or has a size below 1
   */
  private Optional<Architecture> architecture() {
    if (net == null) {
      if (inputShape != null) {
        throw error("--input-shape goes with --net; --layers gives the input size as its first size");
      }
      return Optional.empty();
    }
    if (given("--layers")) {
      throw error("--net gives the whole net; leave out --layers");
    }
    if (inputShape != null && (inputShape.length == 0 || Arrays.stream(inputShape).anyMatch(n -> n < 1))) {
      throw error("--input-shape must be positive sizes such as 1,28,28 (channels, height, width) or 784, got "
          + Arrays.toString(inputShape));
    }
    try {
      return Optional.of(preset().map(Preset::architecture).orElseGet(() -> Architecture.parse(net)));
    } catch (IllegalArgumentException e) {
      throw error("--net: " + e.getMessage() + (!net.contains("(") && !net.contains(" ")
          ? " (the book's nets by name: " + Preset.labels() + ")" : ""));
    }
  }

  /**
   * Checks --init.
   *
   * @throws CommandLine.ParameterException naming --init if it is not a rule
   */
  private void checkWeightInit() {
    if (init != null) {
      try {
        WeightInit.parse(init);
      } catch (IllegalArgumentException e) {
        throw error("--init: " + e.getMessage());
      }
    }
  }

  /**
   * Checks --weight-decay.
   *
   * @throws CommandLine.ParameterException naming --weight-decay if it is negative or not finite
   */
  private void checkWeightDecay() {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw error("--weight-decay must be a finite number >= 0, got " + weightDecay);
    }
  }

  /**
   * One sample's shape for --net: --input-shape, else MNIST's images for a net that takes images,
   * else the length of the first training row's features ({@code featuresLength}, called only then);
   * checked against the net.
   *
   * @throws CommandLine.ParameterException naming --net (and the shape) if the net cannot take it or
   *     does not end in a vector of class scores
   */
  private int[] sampleShape(Architecture architecture, IntSupplier featuresLength) {
    int[] shape = inputShape;
    if (shape == null) {
      shape = architecture.takesImages() ? MNIST_IMAGE.clone() : new int[] {featuresLength.getAsInt()};
    }
    List<Integer> sample = Arrays.stream(shape).boxed().toList();
    String where = inputShape != null ? "--input-shape " + sample
        : "samples of shape " + sample + " (the default; --input-shape gives another)";
    List<Integer> scores;
    try {
      scores = architecture.outputShape(sample);
    } catch (IllegalArgumentException e) {
      throw error("--net '" + net + "' cannot take " + where + ": " + e.getMessage());
    }
    if (scores.size() != 1) {
      throw error("--net '" + net + "' gives each sample scores of shape " + scores + " on " + where + "; its last"
          + " layer must give a vector of class scores (end it with affine(CLASSES))");
    }
    try {
      DistributedTrainer.builder(net, shape); // the trainer's own checks, so the command refuses what a fit would
    } catch (IllegalArgumentException e) {
      throw error("--net: " + e.getMessage());
    }
    return shape;
  }

  /** The number of values in the first row's features: a Spark ML Vector's size or an array's length. */
  private int featuresLength(Dataset<Row> rows) {
    List<Row> first = rows.select("features").limit(1).collectAsList();
    if (first.isEmpty()) {
      throw error("--train " + train + " has no rows");
    }
    Object value = first.get(0).get(0);
    return value instanceof org.apache.spark.ml.linalg.Vector vector ? vector.size() : first.get(0).getList(0).size();
  }

  /** Trains and reports; {@code shape} is the --net's sample shape, or null if it is to be read from the data. */
  private int run(SparkSession spark, Optional<Architecture> architecture, int[] shape) throws Exception {
    Dataset<Row> trainRows = spark.read().parquet(train);
    if (architecture.isPresent() && shape == null) {
      Dataset<Row> asRead = trainRows;
      shape = sampleShape(architecture.get(), () -> featuresLength(asRead));
    }
    if (partitions != null) {
      trainRows = trainRows.repartition(partitions);
    }
    Dataset<Row> testRows = spark.read().parquet(test);
    int parts = trainRows.rdd().getNumPartitions();
    NablaClassifier classifier = new NablaClassifier().setMaxIter(rounds).setBatchSize(batch)
        .setStepSize(lr).setScaleStepSize(scaleLearningRate).setOptimizer(optimizer).setMode(mode)
        .setLocalSteps(localSteps).setSeed(seed).setBackend(backend).setWeightDecay(weightDecay)
        .addRoundListener(TrainOnParquet::print);
    String described;
    if (architecture.isPresent()) {
      classifier.setNet(net).setInputShape(shape);
      described = "net '" + net + "' on " + Arrays.toString(shape);
    } else {
      classifier.setLayers(layers);
      described = "layers " + Arrays.toString(layers);
    }
    if (init != null) {
      classifier.setWeightInit(init);
      described += ", init " + init;
    }
    if (weightDecay > 0) {
      described += ", weight decay " + weightDecay;
    }
    Dataset<Row> fitRows = trainRows;
    if (!noRoundAccuracy) {
      // The test rows ride along, marked: never trained on, scored after every pass.
      fitRows = trainRows.withColumn("is_test", functions.lit(false))
          .unionByName(testRows.withColumn("is_test", functions.lit(true)));
      classifier.setValidationIndicatorCol("is_test");
    }
    System.out.printf(Locale.ROOT, "training on %s (%d partitions), testing on %s; %s, %s, lr %s%s, batch %d,"
            + " %s mode, %d rounds%n", train, parts, test, described, optimizer, lr,
        scaleLearningRate ? " x partitions" : "", batch, mode, rounds);
    long start = System.nanoTime();
    NablaClassificationModel model;
    try {
      model = classifier.fit(fitRows);
    } catch (FitDivergedException e) {
      System.err.println("train-on-parquet: round " + e.round() + " of " + e.rounds() + ": " + e.whatHappened()
          + ": training diverged; try a smaller learning rate than --lr " + lr);
      return 1;
    }
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    double roundSeconds = model.rounds().stream().mapToDouble(RoundSummary::seconds).sum();
    long samples = model.rounds().get(model.rounds().size() - 1).samples();
    System.out.printf(Locale.ROOT, "%d samples in %.2f s of rounds: %.0f samples/s%s%n", samples, roundSeconds,
        samples / roundSeconds, noRoundAccuracy ? "" : " (accuracy measurements included)");
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(model.transform(testRows));
    System.out.printf(Locale.ROOT, "fit %.1f s; test accuracy %.4f (Spark's evaluator on model.transform)%n",
        fitSeconds, accuracy);
    System.out.println("parameters sha256 " + sha256(model.net()));
    if (save != null) {
      model.write().overwrite().save(save);
      System.out.println("saved the model to " + save + " (the net alone: " + save + "/nabla/model.npz)");
    }
    if (expected != null && !(accuracy >= expected)) {
      System.err.printf(Locale.ROOT, "train-on-parquet: test accuracy %.4f is below the expected %.4f%n", accuracy,
          expected);
      return 3;
    }
    return 0;
  }

  private static void print(RoundSummary r) {
    System.out.printf(Locale.ROOT, "round %2d/%d  steps %6d  samples %8d  loss %.4f%s  (%.2f s)%n", r.round(),
        r.rounds(), r.steps(), r.samples(), r.loss(), r.evaluated()
            ? String.format(Locale.ROOT, "  train acc %.4f  test acc %.4f", r.trainAccuracy(), r.validationAccuracy())
            : "", r.seconds());
  }

  /** A SHA-256 of the parameters' values in order, as their float bits: equal for equal nets. */
  static String sha256(Net net) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (Parameter p : net.parameters()) {
      digest.update(p.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (double v : p.value().toDoubleArray()) {
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) {
          digest.update((byte) (bits >>> (8 * i)));
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Runs the program: 0 on success, 1 if training diverged (or failed otherwise), 3 if {@code
   * --expect-accuracy} was not reached.
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainOnParquet()).execute(args));
  }
}
