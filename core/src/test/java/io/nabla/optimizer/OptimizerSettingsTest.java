package io.nabla.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each optimizer reports its name as users type it and every setting that decides its updates. */
class OptimizerSettingsTest {

  @Test
  void everyKindNamesItselfAndItsSettings() {
    Map<OptimizerKind, List<String>> settings = Map.of(
        OptimizerKind.SGD, List.of("learning_rate"),
        OptimizerKind.MOMENTUM, List.of("learning_rate", "momentum"),
        OptimizerKind.ADAGRAD, List.of("learning_rate", "epsilon"),
        OptimizerKind.ADAM, List.of("learning_rate", "beta1", "beta2", "epsilon"));
    assertEquals(OptimizerKind.values().length, settings.size(), "every kind is covered");
    for (OptimizerKind kind : OptimizerKind.values()) {
      OptimizerSettings s = kind.create(0.25).settings();
      assertEquals(kind.label(), s.name());
      assertEquals(settings.get(kind), List.copyOf(s.values().keySet()), kind.label());
      assertEquals(0.25, s.values().get("learning_rate"), kind.label());
    }
    assertEquals(Map.of("learning_rate", 0.01, "momentum", 0.5), new Momentum(0.01, 0.5).settings().values());
    assertEquals(Map.of("learning_rate", 0.002, "beta1", 0.8, "beta2", 0.99, "epsilon", 1e-7),
        new Adam(0.002, 0.8, 0.99).settings().values());
  }
}
