package io.nabla.data;

/**
 * Chooses the rows of each mini-batch. Two policies: {@link #withReplacement}, the chapter's
 * {@code np.random.choice(train_size, batch_size)}, and {@link #shuffledEpochs}, which visits
 * every row once per epoch. Both are reproducible from their seed. Not thread-safe.
 */
public interface BatchSampler {

  /** The row indices of the next mini-batch. */
  int[] nextBatch();

  /**
   * Moves past the next {@code batches} mini-batches, as that many {@link #nextBatch} calls
   * would, so that a sampler rebuilt from its seed can resume where another left off.
   *
   * @throws IllegalArgumentException if {@code batches} is negative
   */
  default void skip(long batches) {
    if (batches < 0) {
      throw new IllegalArgumentException("batch sampler: cannot skip " + batches + " batches");
    }
    for (long i = 0; i < batches; i++) {
      nextBatch();
    }
  }

  /** Uniform draws with replacement: each index independently in {@code [0, rows)}. */
  static BatchSampler withReplacement(int rows, int batchSize, long seed) {
    return new WithReplacementSampler(rows, batchSize, seed);
  }

  /**
   * Shuffled epochs without replacement: a new permutation of the rows each epoch, cut into
   * batches of {@code batchSize}; the last batch of an epoch is smaller when the batch size does
   * not divide the rows.
   *
   * @throws IllegalArgumentException naming both sizes if {@code batchSize > rows}: an epoch
   *     visits each row once, so no batch can hold more
   */
  static BatchSampler shuffledEpochs(int rows, int batchSize, long seed) {
    return new ShuffledEpochSampler(rows, batchSize, seed);
  }

  /** Checks the sizes every sampler shares. */
  static void checkSizes(int rows, int batchSize) {
    if (rows <= 0) {
      throw new IllegalArgumentException("batch sampler: the data has no rows (" + rows + ")");
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "batch sampler: batch size must be positive, got " + batchSize);
    }
  }
}
