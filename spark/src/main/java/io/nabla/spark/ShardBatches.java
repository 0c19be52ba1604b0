package io.nabla.spark;

import io.nabla.data.BatchGather;
import io.nabla.loss.Targets;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/**
 * Mini-batches gathered out of one shard into reused buffers: the rows given and their labels,
 * through core's {@link BatchGather}, as on one machine. A batch is valid until the next {@link
 * #gather}.
 */
final class ShardBatches {

  private final Shard shard;
  private Tensor features;
  private int[] labels;

  ShardBatches(Shard shard) {
    this.shard = shard;
  }

  /**
   * Gathers the rows {@code rows} (indices into the shard) and their labels; returns the rows as
   * a [rows.length, inputs] tensor, the labels come from {@link #targets}.
   */
  Tensor gather(int[] rows) {
    Tensor all = shard.features();
    features = Tensors.reuse(features, all, rows.length, all.dim(1));
    if (labels == null || labels.length != rows.length) {
      labels = new int[rows.length];
    }
    BatchGather.gather(all, shard.labels(), rows, features, labels);
    return features;
  }

  /** The labels of the rows last gathered. */
  Targets targets() {
    return Targets.labels(labels);
  }
}
