package io.nabla.tensor;

import java.util.SplittableRandom;

/**
 * A reproducible source of random numbers: the same seed gives the same sequence on every JVM
 * version and platform. Normal variates use the Marsaglia polar method on top of {@link
 * SplittableRandom}, whose algorithm the JDK specifies, so nothing depends on a JDK's choice of
 * Gaussian algorithm.
 *
 * <p>Not thread-safe: give each thread its own instance (see {@link #split()}).
 */
public final class SeededRandom {

  private final SplittableRandom random;
  private double spareNormal;
  private boolean hasSpare;

  /** A generator whose whole sequence is fixed by {@code seed}. */
  public SeededRandom(long seed) {
    this(new SplittableRandom(seed));
  }

  private SeededRandom(SplittableRandom random) {
    this.random = random;
  }

  /** A new independent generator derived from this one (advancing this one). */
  public SeededRandom split() {
    return new SeededRandom(random.split());
  }

  /** A uniform double in {@code [0, 1)}. */
  public double nextDouble() {
    return random.nextDouble();
  }

  /** A uniform double in {@code [low, high)}. */
  public double nextDouble(double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** A uniform int in {@code [0, bound)}. */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A standard normal variate (mean 0, standard deviation 1). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareNormal;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double factor = Math.sqrt(-2 * Math.log(s) / s);
    spareNormal = v * factor;
    hasSpare = true;
    return u * factor;
  }

  /** Shuffles {@code values} in place (Fisher-Yates). */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
  }
}
