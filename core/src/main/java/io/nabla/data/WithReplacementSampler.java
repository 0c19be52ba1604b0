package io.nabla.data;

import io.nabla.tensor.SeededRandom;

/** Batches of indices drawn uniformly with replacement, as NumPy's {@code random.choice}. */
final class WithReplacementSampler implements BatchSampler {

  private final int rows;
  private final int batchSize;
  private final SeededRandom random;

  WithReplacementSampler(int rows, int batchSize, long seed) {
    BatchSampler.checkSizes(rows, batchSize);
    this.rows = rows;
    this.batchSize = batchSize;
    this.random = new SeededRandom(seed);
  }

  @Override
  public int[] nextBatch() {
    int[] batch = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      batch[i] = random.nextInt(rows);
    }
    return batch;
  }
}
