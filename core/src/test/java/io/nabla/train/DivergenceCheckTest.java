package io.nabla.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one decision of the divergence rule, shared by the trainer's loops and Spark's fits. */
class DivergenceCheckTest {

  @Test
  void aNonFiniteLossStopsARunEvenWithTheRuleOff() {
    DivergenceCheck off = new DivergenceCheck(DivergenceRule.off());
    off.check(1, 2.3);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> off.check(2, Double.NaN));
    assertEquals(2, e.iteration());
  }

  @Test
  void aLossBeyondTheBoundForThePatienceStopsAndOneBackWithinResetsTheCount() {
    DivergenceRule rule = DivergenceRule.standard();
    DivergenceCheck check = new DivergenceCheck(rule);
    check.start(1.0);
    double high = rule.factor() * 2;
    for (int i = 1; i < rule.patience(); i++) {
      check.check(i, high);
    }
    check.check(rule.patience(), 0.5); // back within the bound: the count starts again
    for (int i = 1; i < rule.patience(); i++) {
      int iteration = rule.patience() + i;
      assertDoesNotThrow(() -> check.check(iteration, high));
    }
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> check.check(2 * rule.patience(), high));
    assertEquals(1.0, e.startingLoss().orElseThrow());
    assertEquals(2 * rule.patience(), e.iteration());
  }

  @Test
  void withoutAStartTheFirstLossIsTheStart() {
    DivergenceRule rule = DivergenceRule.standard();
    DivergenceCheck check = new DivergenceCheck(rule);
    check.check(1, 3.0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> {
      for (int i = 2; i < 2 + rule.patience(); i++) {
        check.check(i, 3.0 * rule.factor() + 1);
      }
    });
    assertEquals(3.0, e.startingLoss().orElseThrow());
  }
}
