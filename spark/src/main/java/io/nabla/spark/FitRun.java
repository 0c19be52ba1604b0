package io.nabla.spark;

import io.nabla.model.Net;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of one fit that both modes share: running a round's job, watching its losses
 * for divergence, measuring accuracy when there is validation data, and telling the listeners
 * what each round did.
 */
final class FitRun {

  private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

  private final JavaSparkContext sc;
  private final NetSpec spec;
  private final CachedShards train;
  private final CachedShards validation;
  private final List<RoundListener> listeners;
  private final DivergenceWatch divergence;
  private final List<RoundSummary> rounds = new ArrayList<>();
  private long nextEvaluation;
  private long roundStart;

  FitRun(JavaSparkContext sc, NetSpec spec, CachedShards train, CachedShards validation, List<RoundListener> listeners,
      DivergenceWatch divergence) {
    this.sc = sc;
    this.spec = spec;
    this.train = train;
    this.validation = validation;
    this.listeners = listeners;
    this.divergence = divergence;
    this.nextEvaluation = train.totalRows();
  }

  NetSpec spec() {
    return spec;
  }

  CachedShards train() {
    return train;
  }

  /** Broadcasts a round's value; close it when the round's job is done. */
  <T> RoundBroadcast<T> broadcast(T value) {
    return new RoundBroadcast<>(sc, value);
  }

  /** Starts timing round {@code round} (from 1) and names its job in the Spark UI. */
  void startRound(int round, int rounds) {
    roundStart = System.nanoTime();
    sc.setJobDescription("nabla: round " + round + " of " + rounds + " (" + spec + ")");
  }

  /** Runs the job and returns its results in partition order. */
  <T> List<T> collect(String what, JavaRDD<T> job) {
    return SparkFailures.run(what, job::collect);
  }

  /**
   * Applies the divergence rule to a round's step losses, before the round is recorded ({@link
   * DivergenceWatch#check}).
   *
   * @throws FitDivergedException if the loss diverged
   */
  void checkDivergence(int round, int total, long firstStep, double[] losses) {
    divergence.check(round, total, firstStep, losses);
  }

  /**
   * Records a finished round; measures accuracy (when there is validation data) after the rounds
   * that complete a pass over the training rows, and after the last.
   *
   * @param weights the net's parameters and buffers after the round ({@link FlatTensors#ofNet}),
   *     asked for only when they are evaluated
   */
  void endRound(int round, int total, long steps, long samples, double loss,
      java.util.function.Supplier<FlatTensors> weights) {
    double trainAccuracy = Double.NaN;
    double validationAccuracy = Double.NaN;
    if (validation != null && (samples >= nextEvaluation || round == total)) {
      while (nextEvaluation <= samples) {
        nextEvaluation += train.totalRows();
      }
      try (RoundBroadcast<FlatTensors> broadcast = broadcast(weights.get())) {
        trainAccuracy = accuracy("training accuracy", train, broadcast);
        validationAccuracy = accuracy("validation accuracy", validation, broadcast);
      }
    }
    sc.setJobDescription(null);
    RoundSummary summary = new RoundSummary(round, total, steps, samples, loss, trainAccuracy, validationAccuracy,
        (System.nanoTime() - roundStart) / 1e9);
    rounds.add(summary);
    if (LOG.isInfoEnabled()) {
      LOG.info(String.format(Locale.ROOT, "round %d/%d: %d steps, %d samples, loss %.4f%s (%.2f s)", round, total,
          steps, samples, loss, summary.evaluated()
              ? String.format(Locale.ROOT, ", train acc %.4f, validation acc %.4f", trainAccuracy, validationAccuracy)
              : "", summary.seconds()));
    }
    for (RoundListener l : listeners) {
      l.onRound(summary);
    }
  }

  private double accuracy(String what, CachedShards shards, RoundBroadcast<FlatTensors> weights) {
    long correct = 0;
    long rows = 0;
    for (long[] c : collect(what, shards.rdd().mapPartitions(new AccuracyTask(spec, weights.handle())))) {
      correct += c[0];
      rows += c[1];
    }
    return (double) correct / rows;
  }

  /** Every round's summary so far. */
  List<RoundSummary> rounds() {
    return rounds;
  }
}
