package io.nabla.train;

import io.nabla.backend.Backend;
import io.nabla.data.DatasetFingerprint;
import io.nabla.model.TrainingRecord;
import io.nabla.optimizer.Optimizer;
import java.time.Instant;

/**
 * Settings of a training loop; {@link #chapterDefaults()} are the chapter's: 10000 iterations,
 * batch 100, random batches drawn with replacement, seed 42, {@link DivergenceRule#standard()}. The learning rate is not here: it
 * belongs to the {@link io.nabla.optimizer.Optimizer} (the chapter's is {@code new Sgd(0.1)}).
 *
 * @param iterations how many optimizer steps
 * @param batchSize rows per mini-batch
 * @param shuffledEpochs true: each epoch visits every row once; false: the chapter's draws with
 *     replacement
 * @param seed seed of the batch sampler
 * @param evaluationBatch rows per batch when evaluating accuracy
 * @param divergence when a run with a finite but exploding loss stops (NaN and infinity always do)
 */
public record TrainingConfig(
    int iterations, int batchSize, boolean shuffledEpochs, long seed, int evaluationBatch,
    DivergenceRule divergence) {

  /** Checks the settings, naming the one at fault. */
  public TrainingConfig {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (evaluationBatch < 1) {
      throw new IllegalArgumentException("evaluation batch must be at least 1, got " + evaluationBatch);
    }
    java.util.Objects.requireNonNull(divergence, "divergence");
  }

  /** The chapter's settings. */
  public static TrainingConfig chapterDefaults() {
    return new TrainingConfig(10000, 100, false, 42, Evaluation.DEFAULT_BATCH, DivergenceRule.standard());
  }

  /** These settings with another number of iterations. */
  public TrainingConfig withIterations(int n) {
    return new TrainingConfig(n, batchSize, shuffledEpochs, seed, evaluationBatch, divergence);
  }

  /** These settings with another batch size. */
  public TrainingConfig withBatchSize(int n) {
    return new TrainingConfig(iterations, n, shuffledEpochs, seed, evaluationBatch, divergence);
  }

  /** These settings with another seed. */
  public TrainingConfig withSeed(long s) {
    return new TrainingConfig(iterations, batchSize, shuffledEpochs, s, evaluationBatch, divergence);
  }

  /** These settings with another divergence rule ({@link DivergenceRule#off()} to disable it). */
  public TrainingConfig withDivergence(DivergenceRule rule) {
    return new TrainingConfig(iterations, batchSize, shuffledEpochs, seed, evaluationBatch, rule);
  }

  /** These settings with another evaluation batch ({@link Evaluation#batchFor} suits a model). */
  public TrainingConfig withEvaluationBatch(int rows) {
    return new TrainingConfig(iterations, batchSize, shuffledEpochs, seed, rows, divergence);
  }

  /** These settings with shuffled epochs on or off. */
  public TrainingConfig withShuffledEpochs(boolean on) {
    return new TrainingConfig(iterations, batchSize, on, seed, evaluationBatch, divergence);
  }

  /**
   * The record a model saved by this run carries: these settings, {@code optimizer}'s, the backend,
   * the data and this JVM, with the iterations done at 0 (each save sets its own, see {@link
   * TrainingRecord#withIterationsDone}). The seed recorded is this configuration's, which the
   * command line also gives the initial weights.
   */
  public TrainingRecord record(Optimizer optimizer, Backend backend, DatasetFingerprint data, Instant started) {
    return new TrainingRecord(optimizer.settings(), batchSize, iterations, 0, shuffledEpochs, seed, backend.name(),
        data.name(), data.sha256(), TrainingRecord.currentJdk(), started);
  }

  /**
   * The number of iterations in one epoch, as the chapter counts them: the training rows over the
   * batch size (at least 1). Each epoch's evaluation comes after that many.
   */
  public int iterationsPerEpoch(int trainSize) {
    return Math.max(trainSize / batchSize, 1);
  }
}
