package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backends;
import io.nabla.model.Activation;
import io.nabla.model.ModelFile;
import io.nabla.spark.examples.ScalingBenchmark;
import io.nabla.spark.examples.TrainOnParquet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The module's programs as a user runs them, on MNIST-shaped Parquet files of learnable blobs (and,
 * for a convolutional net, a few hundred real MNIST digits from {@code MNIST_DIR}) in {@code
 * local[2]}: what they print, what they save, their exit codes. (On all of MNIST and a standalone
 * cluster they run in {@code .ci/spark-standalone}.)
 */
class SparkProgramsTest {

  @TempDir static Path dir;

  @BeforeAll
  static void writeData() {
    Blobs all = Blobs.of(600, 784, 10, 9);
    ReadmeSparkExampleTest.writeParquet(all.slice(0, 400), dir + "/train.parquet");
    ReadmeSparkExampleTest.writeParquet(all.slice(400, 600), dir + "/test.parquet");
  }

  private record Run(int exitCode, String out, String err) {}

  /** Runs a program's command line in this JVM (on the shared local[2] session, which it stops). */
  private static Run run(Callable<Integer> program, String... args) {
    LocalSpark.session();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int code = new CommandLine(program).execute(args);
      return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void trainOnParquetPrintsEveryRoundSavesAModelAndChecksTheAccuracy() throws Exception {
    String saved = dir + "/model";
    Run run = run(new TrainOnParquet(), "--train", dir + "/train.parquet", "--test", dir + "/test.parquet",
        "--layers", "784,20,10", "--rounds", "5", "--batch", "20", "--partitions", "2", "--scale-lr",
        "--save", saved, "--expect-accuracy", "0.9");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    for (int round = 1; round <= 5; round++) {
      assertTrue(run.out().contains("round  " + round + "/5"), "a line for round " + round + ":\n" + run.out());
    }
    assertTrue(run.out().contains("test acc "), "per-round test accuracy:\n" + run.out());
    assertTrue(run.out().contains("samples/s"), run.out());
    assertEquals(List.of(784, 20, 10),
        ((io.nabla.model.FeedForwardNet) ModelFile.load(Path.of(saved, "nabla", "model.npz"), Backends.get("pure"),
            Activation.SIGMOID).net()).layerSizes(),
        "the saved model's net, as ModelFile reads it");
  }

  @Test
  void trainOnParquetExitsWithThreeBelowTheExpectedAccuracy() {
    Run run = run(new TrainOnParquet(), "--train", dir + "/train.parquet", "--test", dir + "/test.parquet",
        "--layers", "784,20,10", "--rounds", "1", "--no-round-accuracy", "--expect-accuracy", "1.01");
    assertEquals(3, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("is below the expected 1.0100"), run.err());
  }

  @Test
  void trainOnParquetStopsADivergingFitWithOneLineAndExitsWithOne() {
    Run run = run(new TrainOnParquet(), "--train", dir + "/train.parquet", "--test", dir + "/test.parquet",
        "--layers", "784,20,10", "--rounds", "3", "--batch", "4", "--partitions", "2", "--lr", "1e30",
        "--no-round-accuracy");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("train-on-parquet: round "), run.err());
    assertTrue(run.err().contains(": training diverged; try a smaller learning rate than --lr 1.0E30"), run.err());
    assertTrue(!run.err().contains("FitDivergedException"), "no stack trace: " + run.err());
  }

  @Test
  void trainOnParquetTrainsAConvNetGivenAsTextOnRealMnist() {
    // 600 real digits in 2 partitions, 3 passes of 15 steps of 20 rows each, averaged after each: 0.87 when written.
    ReadmeSparkExampleTest.writeParquet(MnistRows.train(600), dir + "/mnist-train.parquet");
    ReadmeSparkExampleTest.writeParquet(MnistRows.test(200), dir + "/mnist-test.parquet");
    Run run = run(new TrainOnParquet(), "--train", dir + "/mnist-train.parquet", "--test",
        dir + "/mnist-test.parquet", "--net", "conv(4,5) relu maxpool(2) affine(10)", "--init", "he",
        "--weight-decay", "1e-4", "--rounds", "3", "--batch", "20", "--no-round-accuracy");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("; net 'conv(4,5) relu maxpool(2) affine(10)' on [1, 28, 28], init he, weight decay"
        + " 1.0E-4, sgd, lr 0.1,"), "the images' default shape and the options, as trained:\n" + run.out());
    double accuracy = testAccuracy(run.out());
    assertTrue(accuracy > 0.5, "far above chance (0.1): " + accuracy + "\n" + run.out());
  }

  @Test
  void trainOnParquetTrainsAPresetWithTheBooksLearningRateUnlessTold() {
    Run run = run(new TrainOnParquet(), "--train", dir + "/train.parquet", "--test", dir + "/test.parquet",
        "--net", "simple-conv", "--optimizer", "momentum", "--rounds", "1", "--no-round-accuracy");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("; net 'simple-conv' on [1, 28, 28], momentum, lr 0.001,"),
        "--optimizer as given, the book's learning rate for simple-conv:\n" + run.out());
  }

  @Test
  void trainOnParquetReadsTheInputSizeOfAVectorNetFromTheFeatures() {
    Run run = run(new TrainOnParquet(), "--train", dir + "/train.parquet", "--test", dir + "/test.parquet",
        "--net", "affine(20) relu affine(10)", "--rounds", "1", "--no-round-accuracy");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("; net 'affine(20) relu affine(10)' on [784], sgd, lr 0.1,"), run.out());
  }

  /** What the test accuracy line says. */
  private static double testAccuracy(String out) {
    String marker = "test accuracy ";
    int at = out.indexOf(marker);
    assertTrue(at >= 0, out);
    return Double.parseDouble(out.substring(at + marker.length()).split("\\s")[0]);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--net|conv(4,5) relu maxpool(2) afine(10)|--net|--net",
      "--net|simple-cnv|--net|simple-conv",
      "--layers|784,20,10|--net|--layers",
      "--weight-decay|-0.5|--weight-decay|--weight-decay",
      "--weight-decay|lots|--weight-decay|--weight-decay",
      "--init|uniform|--init|--init",
      "--input-shape|784|--net|--input-shape",
  })
  void aBadNetOptionIsNamedAndExitsWithTwo(String option, String value, String named, String alsoNamed) {
    // A net for the cases that need one; the --layers case is a --net given with --layers.
    String net = option.equals("--net") ? value : "conv(4,5) relu maxpool(2) affine(10)";
    List<String> args = new java.util.ArrayList<>(List.of("--train", dir + "/train.parquet", "--test",
        dir + "/test.parquet", "--net", net));
    if (!option.equals("--net")) {
      args.addAll(List.of(option, value));
    }
    Run run = run(new TrainOnParquet(), args.toArray(String[]::new));
    assertEquals(2, run.exitCode(), run.out() + run.err());
    String first = run.err().lines().findFirst().orElse("");
    assertTrue(first.contains(named) && first.contains(alsoNamed), "one line naming " + named + " and " + alsoNamed
        + ":\n" + run.err());
    assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  @Test
  void aBadFlagIsNamedAndExitsWithTwo() {
    Run run = run(new TrainOnParquet(), "--train", dir + "/train.parquet", "--test", dir + "/test.parquet",
        "--rounds", "many");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("--rounds"), run.err());
  }

  @Test
  void scalingBenchmarkPrintsItsFigures() {
    Run run = run(new ScalingBenchmark(), "--train", dir + "/train.parquet", "--rounds", "1", "--repeats", "1",
        "--warm-up", "0");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    for (String key : List.of("throughput_1_worker ", "throughput_2_workers ", "ratio ", "round_overhead_ms ")) {
      assertTrue(run.out().lines().anyMatch(l -> l.startsWith(key)), key + " in:\n" + run.out());
    }
  }
}
