package io.nabla.spark;

import io.nabla.model.Net;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.optimizer.OptimizerState;
import java.util.Comparator;
import java.util.List;

/**
 * The driver's loop of {@link TrainingMode#LOCAL_STEPS}: each round broadcasts the parameters (with
 * the net's buffers: batch normalization's running statistics) and optimizer state, lets every
 * partition take its local steps ({@link LocalStepsTask}), and averages what comes back, buffers
 * included, weighted by the partitions' rows, in partition order. The optimizer's
 * step count advances by the most steps a partition took. The round's step losses go through the
 * divergence rule ({@link FitRun#checkDivergence}) before they are averaged.
 */
final class LocalStepsTraining {

  private final FitRun run;
  private final OptimizerKind optimizer;
  private final double learningRate;
  private final int batchSize;
  private final int localSteps;
  private final int rounds;

  LocalStepsTraining(FitRun run, OptimizerKind optimizer, double learningRate, int batchSize, int localSteps,
      int rounds) {
    this.run = run;
    this.optimizer = optimizer;
    this.learningRate = learningRate;
    this.batchSize = batchSize;
    this.localSteps = localSteps;
    this.rounds = rounds;
  }

  /** Trains {@code net} in place. */
  void train(Net net) {
    NetSpec spec = run.spec();
    OptimizerState fresh = optimizer.create(learningRate).state(net.parameters());
    FlatTensors weights = FlatTensors.ofNet(net);
    FlatTensors optimizerTensors = FlatTensors.of(fresh.tensors(), spec.dtype());
    long optimizerSteps = 0;
    long samples = 0;
    for (int r = 0; r < rounds; r++) {
      run.startRound(r + 1, rounds);
      List<PartitionResult> results;
      try (RoundBroadcast<LocalRound> start =
          run.broadcast(new LocalRound(r, weights, optimizerTensors, optimizerSteps))) {
        LocalStepsTask task = new LocalStepsTask(spec, optimizer, learningRate, batchSize, localSteps, start.handle());
        results = run.collect("round " + (r + 1) + " of local steps", run.train().rdd().mapPartitions(task));
      }
      results = results.stream().sorted(Comparator.comparingInt(PartitionResult::partition)).toList();
      run.checkDivergence(r + 1, rounds, optimizerSteps + 1, stepLosses(results));
      long rows = results.stream().mapToLong(PartitionResult::rows).sum();
      WeightedSum averageWeights = new WeightedSum();
      WeightedSum averageOptimizer = new WeightedSum();
      int mostSteps = 0;
      double lossSum = 0;
      long roundSamples = 0;
      for (PartitionResult result : results) {
        double weight = (double) result.rows() / rows;
        averageWeights.add(weight, result.weights());
        averageOptimizer.add(weight, result.optimizerTensors());
        mostSteps = Math.max(mostSteps, result.steps());
        lossSum += result.lossSum();
        roundSamples += result.samples();
      }
      weights = averageWeights.result();
      optimizerTensors = averageOptimizer.result();
      optimizerSteps += mostSteps;
      samples += roundSamples;
      FlatTensors after = weights;
      run.endRound(r + 1, rounds, optimizerSteps, samples, lossSum / roundSamples, () -> after);
    }
    weights.assignTo(net);
  }

  /**
   * The loss of each step of a round over all partitions: the mean of the partitions' batch losses
   * at that step, weighted by their rows, over the partitions that took it (with one pass per
   * round, a larger partition takes more steps).
   */
  static double[] stepLosses(List<PartitionResult> results) {
    int most = results.stream().mapToInt(PartitionResult::steps).max().orElse(0);
    double[] sum = new double[most];
    double[] weight = new double[most];
    for (PartitionResult result : results) {
      double[] losses = result.stepLosses();
      for (int k = 0; k < losses.length; k++) {
        sum[k] += result.rows() * losses[k];
        weight[k] += result.rows();
      }
    }
    for (int k = 0; k < most; k++) {
      sum[k] /= weight[k];
    }
    return sum;
  }
}
