package io.nabla.spark;

/**
 * The seeds a fit's tasks draw from, each a function of the fit's seed and of where the task is
 * (its partition, its round or step) alone, so that a task computed again (an executor lost)
 * draws what the first attempt drew.
 *
 * <p>The batch sampler of each partition in local-steps mode: partition 0 gets the fit's own
 * seed, so that one partition samples exactly as single-machine training with that seed does; the
 * others are spread by the golden-ratio increment {@link java.util.SplittableRandom} uses.
 *
 * <p>The training draws (dropout's masks) of each task: every task builds its own net, so the
 * stream a single machine would continue from step to step restarts in each task, seeded here
 * per partition and round (local mode) or step (sync mode).
 */
final class PartitionSeeds {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  // Keeps the training draws' seeds apart from the samplers' (which are seed + p * GOLDEN_GAMMA).
  private static final long TRAINING_DRAWS = 0x5DEECE66DL;

  private PartitionSeeds() {}

  /** The sampler seed of {@code partition} for a fit seeded {@code seed}. */
  static long of(long seed, int partition) {
    return seed + partition * GOLDEN_GAMMA;
  }

  /**
   * The seed of the training draws (dropout's masks) of {@code partition} in round {@code round}
   * of local mode, or step {@code round} of sync mode (from 0), for a fit seeded {@code seed}.
   * Each input goes through SplitMix64's finalizer, so neighbouring partitions and rounds get
   * unrelated seeds (a {@link java.util.SplittableRandom} seeded {@code s + GOLDEN_GAMMA} would
   * replay the stream of {@code s} shifted by one draw).
   */
  static long trainingDraws(long seed, int partition, long round) {
    long s = mix64(seed ^ TRAINING_DRAWS);
    s = mix64(s + (partition + 1L) * GOLDEN_GAMMA);
    return mix64(s + (round + 1L) * GOLDEN_GAMMA);
  }

  /** SplitMix64's finalizer (Stafford's variant 13), as {@link java.util.SplittableRandom} uses it. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
