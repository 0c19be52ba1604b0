package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.backend.Parallelism;
import io.nabla.data.BatchSampler;
import io.nabla.layer.Parameter;
import io.nabla.model.Net;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.optimizer.OptimizerState;
import io.nabla.tensor.Tensor;
import io.nabla.train.TrainingStep;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of a round of local steps: a net and optimizer rebuilt from the round's
 * broadcast, K mini-batch steps on the partition's own rows, the result back. The batches are
 * those of a shuffled-epoch sampler seeded for the partition and moved past the batches of the
 * earlier rounds, so a round's result depends only on the round, the partition and the
 * broadcast, never on which task attempt or executor computes it. The net's training draws
 * (dropout's masks) are seeded the same way, per partition and round ({@link
 * PartitionSeeds#trainingDraws}).
 */
final class LocalStepsTask implements FlatMapFunction<Iterator<Shard>, PartitionResult> {

  private static final long serialVersionUID = 1L;

  private final NetSpec spec;
  private final OptimizerKind optimizer;
  private final double learningRate;
  private final int batchSize;
  private final int localSteps;
  private final Broadcast<LocalRound> round;

  /**
   * @param localSteps steps per round, or 0 for one pass over each partition's rows
   */
  LocalStepsTask(NetSpec spec, OptimizerKind optimizer, double learningRate, int batchSize, int localSteps,
      Broadcast<LocalRound> round) {
    this.spec = spec;
    this.optimizer = optimizer;
    this.learningRate = learningRate;
    this.batchSize = batchSize;
    this.localSteps = localSteps;
    this.round = round;
  }

  /** The steps a partition of {@code rows} rows takes in a round. */
  static int stepsPerRound(int rows, int batchSize, int localSteps) {
    return localSteps > 0 ? localSteps : (rows + batchSize - 1) / batchSize;
  }

  @Override
  public Iterator<PartitionResult> call(Iterator<Shard> shards) {
    Shard shard = shards.next();
    if (shard.rows() == 0) {
      return CachedShards.single(null);
    }
    TaskContext task = TaskContext.get();
    int cpus = task == null ? 1 : task.cpus();
    return CachedShards.single(Parallelism.callWithThreads(cpus, () -> train(shard, round.value())));
  }

  PartitionResult train(Shard shard, LocalRound start) {
    Backend backend = spec.backend();
    Net net = spec.net(start.weights(), backend);
    net.seedTrainingDraws(PartitionSeeds.trainingDraws(spec.seed(), shard.partition(), start.round()));
    List<Parameter> parameters = net.parameters();
    Optimizer opt = optimizer.create(learningRate);
    opt.restore(parameters, new OptimizerState(start.optimizerSteps(), start.optimizerTensors().toTensors(backend)));
    int steps = stepsPerRound(shard.rows(), batchSize, localSteps);
    // A partition smaller than a batch trains on all its rows each step (the sampler rejects the
    // larger size; the batches are the same).
    BatchSampler sampler = BatchSampler.shuffledEpochs(shard.rows(), Math.min(batchSize, shard.rows()),
        PartitionSeeds.of(spec.seed(), shard.partition()));
    sampler.skip((long) start.round() * steps);
    ShardBatches batches = new ShardBatches(shard);
    double lossSum = 0;
    long samples = 0;
    double[] losses = new double[steps];
    // The loss each step reports is its batch's before the update, as the driver's divergence rule expects.
    TrainingStep step = new TrainingStep(net, opt);
    for (int k = 0; k < steps; k++) {
      int[] rows = sampler.nextBatch();
      Tensor x = batches.gather(rows);
      losses[k] = step.takeReportingLossBefore(x, batches.targets());
      lossSum += losses[k] * rows.length;
      samples += rows.length;
    }
    OptimizerState state = opt.state(parameters);
    return new PartitionResult(shard.partition(), shard.rows(), FlatTensors.ofNet(net),
        FlatTensors.of(state.tensors(), spec.dtype()), steps, lossSum, samples, losses);
  }
}
