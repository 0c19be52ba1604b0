package io.nabla.train;

import java.io.Serializable;

/**
 * When a run counts as diverged although its loss is still a number: the mini-batch loss stayed
 * above {@code factor} times the starting loss (the loss on the first batch before any update,
 * ln 10 = 2.3 for ten classes at the chapter's initialization) for {@code patience} iterations in
 * a row. A loss that is NaN or infinite always counts, whatever the rule.
 *
 * <p>The default, {@link #standard()}, is 100x for 50 iterations: a run whose learning rate is far
 * too large (the chapter's net with {@code lr = 1e6} jumps from 2.3 to about 775000 at once and
 * stays there) stops within 50 iterations, while the noise of a healthy run, whose batch losses
 * spread over a few times their mean, never comes near it.
 *
 * @param factor how many times the starting loss counts as far beyond it; infinite turns the rule off
 * @param patience how many iterations in a row the loss must stay beyond it
 */
public record DivergenceRule(double factor, int patience) implements Serializable {

  /** Checks the settings, naming the one at fault. */
  public DivergenceRule {
    if (!(factor > 1)) {
      throw new IllegalArgumentException("divergence factor must be above 1, got " + factor);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("divergence patience must be at least 1, got " + patience);
    }
  }

  /** 100 times the starting loss for 50 iterations in a row. */
  public static DivergenceRule standard() {
    return new DivergenceRule(100, 50);
  }

  /** Only a NaN or infinite loss stops the run. */
  public static DivergenceRule off() {
    return new DivergenceRule(Double.POSITIVE_INFINITY, 1);
  }

  /** Whether the rule stops finite losses at all. */
  public boolean isOn() {
    return factor != Double.POSITIVE_INFINITY;
  }
}
