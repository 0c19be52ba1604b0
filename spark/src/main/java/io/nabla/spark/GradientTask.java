package io.nabla.spark;

import io.nabla.backend.Parallelism;
import io.nabla.model.Net;
import io.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of a synchronous step: the gradient over the rows of the global batch
 * that it holds, in the batch's order (nothing if it holds none), with the training draws
 * (dropout's masks) seeded for the partition and the step ({@link PartitionSeeds#trainingDraws}),
 * and the buffers that pass moved. Batch normalization normalizes these rows by their own
 * statistics, not the whole batch's.
 */
final class GradientTask implements FlatMapFunction<Iterator<Shard>, PartitionGradient> {

  private static final long serialVersionUID = 1L;

  private final NetSpec spec;
  private final long[] offsets;
  private final Broadcast<SyncStep> step;

  /**
   * @param offsets every partition's first row number
   */
  GradientTask(NetSpec spec, long[] offsets, Broadcast<SyncStep> step) {
    this.spec = spec;
    this.offsets = offsets.clone();
    this.step = step;
  }

  @Override
  public Iterator<PartitionGradient> call(Iterator<Shard> shards) {
    Shard shard = shards.next();
    int[] mine = rowsOf(step.value().batch(), offsets[shard.partition()], shard.rows());
    if (mine.length == 0) {
      return CachedShards.single(null);
    }
    TaskContext task = TaskContext.get();
    int cpus = task == null ? 1 : task.cpus();
    return CachedShards.single(Parallelism.callWithThreads(cpus, () -> {
      Net net = spec.net(step.value().weights(), spec.backend());
      net.seedTrainingDraws(PartitionSeeds.trainingDraws(spec.seed(), shard.partition(), step.value().step()));
      ShardBatches batches = new ShardBatches(shard);
      Tensor x = batches.gather(mine);
      double loss = net.lossAndGradient(x, batches.targets());
      return new PartitionGradient(shard.partition(), mine.length, FlatTensors.ofGradients(net.parameters()),
          loss * mine.length, FlatTensors.of(net.buffers(), net.dtype()));
    }));
  }

  /** The batch's rows that fall in {@code [first, first + rows)}, as shard indices, in batch order. */
  static int[] rowsOf(int[] batch, long first, int rows) {
    int[] mine = new int[batch.length];
    int n = 0;
    for (int row : batch) {
      long local = row - first;
      if (local >= 0 && local < rows) {
        mine[n++] = (int) local;
      }
    }
    return Arrays.copyOf(mine, n);
  }
}
