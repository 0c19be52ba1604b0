package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nabla.train.DivergenceRule;
import io.nabla.train.TrainingDivergedException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The single-machine divergence rule as the driver applies it to the step losses of a fit's
 * rounds: NaN or infinity stops at once, a loss stuck above 100x its start stops after 50 steps
 * in a row however the steps fall into rounds, and noise or a short spike never stops.
 */
class DivergenceWatchTest {

  private static double[] losses(int n, double value) {
    double[] l = new double[n];
    Arrays.fill(l, value);
    return l;
  }

  @Test
  void aNaNOrInfiniteLossStopsAtOnceNamingTheRoundTheStepAndTheStepSize() {
    DivergenceWatch watch = new DivergenceWatch(DivergenceRule.standard(), 1e30, 1e30);
    watch.check(1, 20, 1, new double[] {2.3, 2.1});
    FitDivergedException e = assertThrows(FitDivergedException.class,
        () -> watch.check(2, 20, 3, new double[] {2.0, Double.NaN, 2.0}));
    assertEquals("training diverged in round 2 of 20 at step size 1.0E30: the loss became NaN at iteration 4;"
        + " try a smaller step size than 1.0E30", e.getMessage());
    assertEquals(TrainingDivergedException.Kind.NOT_FINITE, e.kind());
    assertEquals(2, e.round());
    assertEquals(4, e.iteration());
    FitDivergedException infinite = assertThrows(FitDivergedException.class,
        () -> new DivergenceWatch(DivergenceRule.standard(), 5, 5).check(1, 3, 1,
            new double[] {Double.POSITIVE_INFINITY}));
    assertEquals(1, infinite.iteration(), "even the first, starting, loss");
  }

  @Test
  void aLossStuckFarAboveItsStartStopsAfterThePatienceAcrossRounds() {
    DivergenceWatch watch = new DivergenceWatch(DivergenceRule.standard(), 1e3, 4e3);
    double[] first = losses(20, 300);
    first[0] = 2.0; // the start: the first batch before any update
    watch.check(1, 5, 1, first); // 19 steps beyond 100 x 2.0
    watch.check(2, 5, 21, losses(20, 300)); // 39
    FitDivergedException e = assertThrows(FitDivergedException.class, () -> watch.check(3, 5, 41, losses(20, 300)));
    assertEquals(51, e.iteration(), "the 50th step in a row beyond the bound");
    assertEquals(3, e.round());
    assertEquals(TrainingDivergedException.Kind.STAYED_ABOVE_START, e.kind());
    assertEquals("training diverged in round 3 of 5 at step size 1000.0 (4000.0 after scaling by the partitions):"
        + " the loss became 300.0 at iteration 51, above 100x its starting 2.0000 for 50 iterations in a row;"
        + " try a smaller step size than 1000.0", e.getMessage());
  }

  @Test
  void noiseAndASpikeShorterThanThePatienceGoOn() {
    DivergenceWatch watch = new DivergenceWatch(DivergenceRule.standard(), 0.1, 0.1);
    double[] noisy = new double[200];
    for (int k = 0; k < noisy.length; k++) {
      noisy[k] = 2.3 * (1 + Math.sin(k)); // up to twice the start, never 100 times
    }
    double[] spike = losses(49, 1e6);
    assertDoesNotThrow(() -> {
      watch.check(1, 3, 1, noisy);
      watch.check(2, 3, 201, spike);
      watch.check(3, 3, 250, new double[] {2.0, 1e6});
    }, "49 steps beyond, then one below: the count starts again");
  }
}
