package io.nabla.spark;

import io.nabla.model.TrainingRecord;
import io.nabla.optimizer.Optimizer;
import java.time.Instant;
import java.util.Map;

/**
 * How a finished distributed fit fills core's {@link TrainingRecord}, which a model saved from
 * Spark carries in its {@code nabla/model.npz} as {@code nabla train}'s models do:
 *
 * <ul>
 *   <li>{@code optimizer}: the optimizer and the learning rate it stepped with (in local mode with
 *       {@code scaleStepSize}, the step size times the partitions that hold rows);
 *   <li>{@code batchSize}: the setting (per partition in local mode, global in sync mode);
 *   <li>{@code iterations} and {@code iterationsDone}: the optimizer's steps, as {@link
 *       RoundSummary#steps()} counts them (both the same: a fit that returns ran them all);
 *   <li>{@code shuffledEpochs}: true, both modes draw shuffled epochs;
 *   <li>{@code backend}: the backends of the executors that held the training rows (one name, or
 *       several joined by commas when executors differ);
 *   <li>{@code dataset}: the rows, partitions and columns, since a {@code Dataset} has no name;
 *       {@code datasetSha256}: one entry, {@value #ROWS_DIGEST}, the {@link ShardDigest} of the
 *       training rows as the fit read them;
 *   <li>{@code jdk}: the executors' Java runtimes (several joined by semicolons when they differ);
 *   <li>{@code started}: when {@code fit} was called, on the driver's clock;
 *   <li>{@code weightInit}: how the initial weights were drawn (the {@code weightInit} setting, or
 *       the rule it defaults to: a preset's, else the chapter's {@code normal(0.01)});
 *   <li>{@code weightDecay}: the L2 weight decay's lambda (0 for none).
 * </ul>
 */
final class FitTrainingRecord {

  /** The key of the training rows' digest in {@link TrainingRecord#datasetSha256()}. */
  static final String ROWS_DIGEST = "rows-by-partition";

  private FitTrainingRecord() {}

  /**
   * The record of a fit that trained on {@code train}.
   *
   * @param spec the net: its seed, weight initialization and weight decay
   * @param optimizer an optimizer with the fit's settings (its state is not read)
   * @param steps the optimizer steps the fit took
   */
  static TrainingRecord of(NetSpec spec, Optimizer optimizer, int batchSize, long steps, CachedShards train,
      String featuresCol, String labelCol, Instant started) {
    int iterations = (int) Math.min(steps, Integer.MAX_VALUE);
    String dataset = "spark rows: " + train.totalRows() + " in " + train.partitions() + " partitions, features column '"
        + oneLine(featuresCol) + "', label column '" + oneLine(labelCol) + "'";
    return new TrainingRecord(optimizer.settings(), batchSize, iterations, iterations, true, spec.seed(),
        String.join(", ", train.backends()), dataset, Map.of(ROWS_DIGEST, train.sha256()),
        String.join("; ", train.jdks()), started).withWeightInit(spec.init()).withWeightDecay(spec.weightDecay());
  }

  /** A column name as one line: a record's value cannot hold a line break. */
  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
