package io.nabla.spark;

import io.nabla.data.BatchSampler;
import io.nabla.layer.Parameter;
import io.nabla.model.Net;
import io.nabla.optimizer.Optimizer;
import io.nabla.tensor.Tensor;
import io.nabla.train.TrainingStep;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The driver's loop of {@link TrainingMode#SYNC_GRADIENT}: each step draws the global batch with
 * core's shuffled-epoch sampler over all rows in partition order, broadcasts it with the
 * parameters, sums the partitions' mean gradients weighted by their share of the batch (in
 * partition order), and lets the driver's optimizer take the step ({@link TrainingStep#update}).
 * The net's buffers (batch normalization's running statistics) become the partitions' buffers
 * after their passes, averaged with the same weights. With one partition that is exactly the
 * single-machine step. Each step's batch loss (before its
 * update) goes through the divergence rule ({@link FitRun#checkDivergence}).
 */
final class SyncGradientTraining {

  private final FitRun run;
  private final Optimizer optimizer;
  private final int batchSize;
  private final int steps;

  SyncGradientTraining(FitRun run, Optimizer optimizer, int batchSize, int steps) {
    this.run = run;
    this.optimizer = optimizer;
    this.batchSize = batchSize;
    this.steps = steps;
  }

  /** Trains {@code net} in place. */
  void train(Net net) {
    CachedShards shards = run.train();
    if (shards.totalRows() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sync mode samples from at most " + Integer.MAX_VALUE + " rows; the data has "
          + shards.totalRows() + " (use local mode)");
    }
    // A batch larger than the data is the whole data each time (the sampler rejects the larger size).
    int rows = (int) shards.totalRows();
    BatchSampler sampler = BatchSampler.shuffledEpochs(rows, Math.min(batchSize, rows), run.spec().seed());
    List<Parameter> parameters = net.parameters();
    // The tasks compute the step's first half (GradientTask); the driver takes the second.
    TrainingStep trainingStep = new TrainingStep(net, optimizer);
    long samples = 0;
    for (int s = 0; s < steps; s++) {
      run.startRound(s + 1, steps);
      int[] batch = sampler.nextBatch();
      List<PartitionGradient> parts;
      try (RoundBroadcast<SyncStep> step = run.broadcast(new SyncStep(s, FlatTensors.ofNet(net), batch))) {
        GradientTask task = new GradientTask(run.spec(), shards.offsets(), step.handle());
        parts = run.collect("step " + (s + 1) + " of synchronous gradients", shards.rdd().mapPartitions(task));
      }
      parts = parts.stream().sorted(Comparator.comparingInt(PartitionGradient::partition)).toList();
      WeightedSum gradient = new WeightedSum();
      WeightedSum buffers = new WeightedSum();
      double lossSum = 0;
      for (PartitionGradient part : parts) {
        double weight = (double) part.rows() / batch.length;
        gradient.add(weight, part.gradient());
        buffers.add(weight, part.buffers());
        lossSum += part.lossSum();
      }
      double loss = lossSum / batch.length;
      run.checkDivergence(s + 1, steps, s + 1, new double[] {loss});
      buffers.result().assignTo(net);
      Map<String, Tensor> grads = gradient.result().toTensors(parameters.get(0).value().backend());
      for (Parameter p : parameters) {
        p.setGrad(grads.get(p.name()));
      }
      trainingStep.update();
      samples += batch.length;
      run.endRound(s + 1, steps, s + 1, samples, loss, () -> FlatTensors.ofNet(net));
    }
  }
}
