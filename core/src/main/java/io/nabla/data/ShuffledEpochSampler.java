package io.nabla.data;

import io.nabla.tensor.SeededRandom;
import java.util.Arrays;

/** Batches cut from a fresh permutation of the rows each epoch. */
final class ShuffledEpochSampler implements BatchSampler {

  private final int batchSize;
  private final SeededRandom random;
  private final int[] order;
  private int position;

  ShuffledEpochSampler(int rows, int batchSize, long seed) {
    BatchSampler.checkSizes(rows, batchSize);
    if (batchSize > rows) {
      throw new IllegalArgumentException("batch sampler: a shuffled-epoch batch of " + batchSize
          + " rows is larger than the data's " + rows + " rows (an epoch visits each row once;"
          + " draws with replacement take any batch size)");
    }
    this.batchSize = batchSize;
    this.random = new SeededRandom(seed);
    this.order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    this.position = rows;
  }

  /** {@inheritDoc} Without copying the skipped batches: only each new epoch's shuffle is drawn. */
  @Override
  public void skip(long batches) {
    if (batches < 0) {
      throw new IllegalArgumentException("batch sampler: cannot skip " + batches + " batches");
    }
    for (long i = 0; i < batches; i++) {
      if (position == order.length) {
        random.shuffle(order);
        position = 0;
      }
      position = Math.min(position + batchSize, order.length);
    }
  }

  @Override
  public int[] nextBatch() {
    if (position == order.length) {
      random.shuffle(order);
      position = 0;
    }
    int end = Math.min(position + batchSize, order.length);
    int[] batch = Arrays.copyOfRange(order, position, end);
    position = end;
    return batch;
  }
}
