package io.nabla.spark;

import io.nabla.loss.Targets;
import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/**
 * Mini-batches gathered out of one shard into a reused buffer: the rows given and their labels.
 * A batch is valid until the next {@link #gather}.
 */
final class ShardBatches {

  private final Shard shard;
  private Tensor buffer;

  ShardBatches(Shard shard) {
    this.shard = shard;
  }

  /** The rows {@code rows} (indices into the shard) as a [rows.length, inputs] tensor. */
  Tensor gather(int[] rows) {
    Tensor features = shard.features();
    buffer = Tensors.reuse(buffer, features, rows.length, features.dim(1));
    ShapeOps.gatherRows(features, rows, buffer);
    return buffer;
  }

  /** The labels of {@code rows}. */
  Targets targets(int[] rows) {
    int[] all = shard.labels();
    int[] picked = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      picked[i] = all[rows[i]];
    }
    return Targets.labels(picked);
  }
}
