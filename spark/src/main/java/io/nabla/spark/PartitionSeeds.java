package io.nabla.spark;

/**
 * The seed of each partition's batch sampler in local-steps mode. Partition 0 gets the fit's own
 * seed, so that one partition samples exactly as single-machine training with that seed does;
 * the others are spread by the golden-ratio increment {@link java.util.SplittableRandom} uses.
 */
final class PartitionSeeds {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private PartitionSeeds() {}

  /** The sampler seed of {@code partition} for a fit seeded {@code seed}. */
  static long of(long seed, int partition) {
    return seed + partition * GOLDEN_GAMMA;
  }
}
