package io.nabla.spark.examples;

import io.nabla.layer.Parameter;
import io.nabla.model.Net;
import io.nabla.spark.FitDivergedException;
import io.nabla.spark.NablaClassificationModel;
import io.nabla.spark.NablaClassifier;
import io.nabla.spark.RoundSummary;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains {@link NablaClassifier} on Parquet tables (columns {@code features} and {@code label},
 * as {@link MnistToParquet} writes them), printing each round's loss and train and test accuracy,
 * then the test accuracy Spark's evaluator gives the model, and a SHA-256 of its parameters (two
 * runs that print the same one trained the same bits). A fit whose loss diverges ends with one
 * line naming the round and the learning rate, and exit code 1.
 */
@Command(name = "train-on-parquet", mixinStandardHelpOptions = true,
    description = "Trains NablaClassifier on Parquet and prints per-round train/test accuracy.")
public final class TrainOnParquet implements Callable<Integer> {

  @Option(names = "--train", required = true, paramLabel = "PATH", description = "Training table (Parquet).")
  String train;

  @Option(names = "--test", required = true, paramLabel = "PATH", description = "Test table (Parquet).")
  String test;

  @Option(names = "--layers", defaultValue = "784,50,10", split = ",",
      description = "Layer sizes, inputs first (default: 784,50,10, the chapter's TwoLayerNet).")
  int[] layers;

  @Option(names = "--rounds", defaultValue = "17",
      description = "maxIter: rounds in local mode, steps in sync mode (default: 17, about the chapter's samples).")
  int rounds;

  @Option(names = "--batch", defaultValue = "100", description = "Rows per mini-batch (default: 100).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default: 0.1).")
  double lr;

  @Option(names = "--scale-lr", description = "Multiply the learning rate by the number of partitions.")
  boolean scaleLearningRate;

  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, momentum, adagrad or adam.")
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
    SparkSession spark = Sessions.start("nabla train-on-parquet", master);
    try {
      return run(spark);
    } finally {
      spark.stop();
    }
  }

  private int run(SparkSession spark) throws Exception {
    Dataset<Row> trainRows = spark.read().parquet(train);
    if (partitions != null) {
      trainRows = trainRows.repartition(partitions);
    }
    Dataset<Row> testRows = spark.read().parquet(test);
    int parts = trainRows.rdd().getNumPartitions();
    NablaClassifier classifier = new NablaClassifier().setLayers(layers).setMaxIter(rounds).setBatchSize(batch)
        .setStepSize(lr).setScaleStepSize(scaleLearningRate).setOptimizer(optimizer).setMode(mode)
        .setLocalSteps(localSteps).setSeed(seed).setBackend(backend).addRoundListener(TrainOnParquet::print);
    Dataset<Row> fitRows = trainRows;
    if (!noRoundAccuracy) {
      // The test rows ride along, marked: never trained on, scored after every pass.
      fitRows = trainRows.withColumn("is_test", functions.lit(false))
          .unionByName(testRows.withColumn("is_test", functions.lit(true)));
      classifier.setValidationIndicatorCol("is_test");
    }
    System.out.printf(Locale.ROOT, "training on %s (%d partitions), testing on %s; layers %s, %s, lr %s%s, batch %d,"
            + " %s mode, %d rounds%n", train, parts, test, Arrays.toString(layers), optimizer, lr,
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
