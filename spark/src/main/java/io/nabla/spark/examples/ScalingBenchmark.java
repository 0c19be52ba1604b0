package io.nabla.spark.examples;

import io.nabla.spark.NablaClassificationModel;
import io.nabla.spark.NablaClassifier;
import io.nabla.spark.RoundSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How training throughput scales with workers, in one Spark session: the same rows cut into 1
 * and into N partitions, fitted alternately, after warm-up fits, so that the figures compare
 * steady states and not a fresh JVM's compilation. A fit's throughput is the samples it trained
 * on over the seconds of its rounds (the shard build, once per fit, is not in it); the per-round
 * overhead is the median round of one one-row step per partition, where the job is all there is.
 * Prints one line per figure, {@code key value}, for scripts.
 */
@Command(name = "scaling-benchmark", mixinStandardHelpOptions = true,
    description = "Samples per second of 1 and N workers, alternating, in one Spark session.")
public final class ScalingBenchmark implements Callable<Integer> {

  @Option(names = "--train", required = true, paramLabel = "PATH", description = "Training table (Parquet).")
  String train;

  @Option(names = "--workers", defaultValue = "2", description = "Partitions to compare with one (default: 2).")
  int workers;

  @Option(names = "--rounds", defaultValue = "4", description = "Rounds (passes) per fit (default: 4).")
  int rounds;

  @Option(names = "--local-steps", defaultValue = "0",
      description = "Steps per partition per round; 0 (default) for one pass over its rows.")
  int localSteps;

  @Option(names = "--repeats", defaultValue = "5", description = "Alternating pairs of fits (default: 5).")
  int repeats;

  @Option(names = "--warm-up", defaultValue = "2", description = "Pairs of fits not measured (default: 2).")
  int warmUp;

  @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[2]).")
  String master;

  @Override
  public Integer call() {
    if (workers < 2 || rounds < 1 || repeats < 1 || warmUp < 0) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "need --workers >= 2, --rounds >= 1, --repeats >= 1, --warm-up >= 0");
    }
    SparkSession spark = Sessions.start("nabla scaling-benchmark", master);
    try {
      Dataset<Row> rows = spark.read().parquet(train);
      Dataset<Row> one = rows.repartition(1).persist(StorageLevel.MEMORY_ONLY());
      Dataset<Row> many = rows.repartition(workers).persist(StorageLevel.MEMORY_ONLY());
      one.count();
      many.count();
      List<Double> single = new ArrayList<>();
      List<Double> parallel = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int pair = 0; pair < warmUp + repeats; pair++) {
        double a = samplesPerSecond(fit(one, rounds, localSteps, 100));
        double b = samplesPerSecond(fit(many, rounds, localSteps, 100));
        if (pair >= warmUp) {
          single.add(a);
          parallel.add(b);
          ratios.add(b / a);
        }
      }
      double overhead = median(roundSeconds(fit(many, 60, 1, 1), 10));
      print("throughput_1_worker", median(single), single);
      print("throughput_" + workers + "_workers", median(parallel), parallel);
      print("ratio", median(ratios), ratios);
      System.out.printf(Locale.ROOT, "round_overhead_ms %.1f%n", overhead * 1000);
      System.out.printf(Locale.ROOT, "steps_per_round_%d_workers %d%n", workers,
          (rows.count() / workers + 99) / 100);
      one.unpersist();
      many.unpersist();
    } finally {
      spark.stop();
    }
    return 0;
  }

  private static NablaClassificationModel fit(Dataset<Row> data, int rounds, int localSteps, int batch) {
    return new NablaClassifier().setLayers(new int[] {784, 50, 10}).setMaxIter(rounds).setLocalSteps(localSteps)
        .setBatchSize(batch).setScaleStepSize(true).fit(data);
  }

  private static double samplesPerSecond(NablaClassificationModel model) {
    List<RoundSummary> rounds = model.rounds();
    double seconds = rounds.stream().mapToDouble(RoundSummary::seconds).sum();
    return rounds.get(rounds.size() - 1).samples() / seconds;
  }

  private static double[] roundSeconds(NablaClassificationModel model, int skip) {
    return model.rounds().stream().skip(skip).mapToDouble(RoundSummary::seconds).toArray();
  }

  private static double median(List<Double> values) {
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void print(String key, double median, List<Double> runs) {
    StringBuilder all = new StringBuilder();
    for (double r : runs) {
      all.append(all.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", r));
    }
    System.out.printf(Locale.ROOT, "%s %.2f (runs: %s)%n", key, median, all);
  }

  /** Runs the benchmark. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ScalingBenchmark()).execute(args));
  }
}
