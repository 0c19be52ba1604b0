package io.nabla.spark;

import io.nabla.backend.Parallelism;
import io.nabla.data.LabeledData;
import io.nabla.model.Net;
import io.nabla.train.Evaluation;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/** How many of a partition's rows the broadcast net classifies correctly: {@code {correct, rows}}. */
final class AccuracyTask implements FlatMapFunction<Iterator<Shard>, long[]> {

  private static final long serialVersionUID = 1L;

  private final NetSpec spec;
  /** The net's parameters and buffers ({@link FlatTensors#ofNet}). */
  private final Broadcast<FlatTensors> weights;

  AccuracyTask(NetSpec spec, Broadcast<FlatTensors> weights) {
    this.spec = spec;
    this.weights = weights;
  }

  @Override
  public Iterator<long[]> call(Iterator<Shard> shards) {
    Shard shard = shards.next();
    if (shard.rows() == 0) {
      return CachedShards.single(null);
    }
    TaskContext task = TaskContext.get();
    int cpus = task == null ? 1 : task.cpus();
    return CachedShards.single(Parallelism.callWithThreads(cpus, () -> {
      Net net = spec.net(weights.value(), spec.backend());
      LabeledData data = new LabeledData(shard.features(), shard.labels(), spec.classes());
      double accuracy = Evaluation.accuracy(net, data, Evaluation.batchFor(net));
      return new long[] {Math.round(accuracy * shard.rows()), shard.rows()};
    }));
  }
}
