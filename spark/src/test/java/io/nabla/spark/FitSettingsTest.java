package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.DType;
import io.nabla.model.Activation;
import io.nabla.optimizer.OptimizerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each setting's default and rule are written once ({@link FitSettings}) and both faces use them:
 * the Spark ML params start from the same defaults, and a value is refused by the param exactly
 * when the builder refuses it (the builder with its message naming the setting, the rule and the
 * value; the param with Spark's).
 */
class FitSettingsTest {

  @Test
  void theParamsStartFromTheSettingsDefaults() {
    NablaClassifier c = new NablaClassifier();
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("activation", FitSettings.ACTIVATION.defaultLabel());
    defaults.put("optimizer", FitSettings.OPTIMIZER.defaultLabel());
    defaults.put("stepSize", FitSettings.STEP_SIZE.defaultValue());
    defaults.put("batchSize", FitSettings.BATCH_SIZE.defaultValue());
    defaults.put("maxIter", FitSettings.MAX_ITER.defaultValue());
    defaults.put("localSteps", FitSettings.LOCAL_STEPS.defaultValue());
    defaults.put("seed", FitSettings.SEED.defaultValue());
    defaults.put("backend", FitSettings.BACKEND.defaultValue());
    defaults.put("dtype", FitSettings.DTYPE.defaultLabel());
    defaults.put("mode", FitSettings.MODE.defaultLabel());
    defaults.put("scaleStepSize", FitSettings.SCALE_STEP_SIZE.defaultValue());
    List<Object> chapters = List.of("sigmoid", "sgd", 0.1, 100, 20, 0, 42L, "auto", "float32", "local", false);
    assertEquals(chapters, List.copyOf(defaults.values()), "the settings' defaults are the chapter's");
    List<Object> params = new java.util.ArrayList<>();
    for (String name : defaults.keySet()) {
      Param<Object> param = c.getParam(name);
      params.add(c.getOrDefault(param));
    }
    assertEquals(chapters, params, "the params start from the chapter's defaults");
  }

  @Test
  void theBuilderAndTheParamRefuseTheSameValues() {
    NablaClassifier c = new NablaClassifier();
    DistributedTrainer.Builder b = DistributedTrainer.builder(6, 3);
    refusedByBoth("stepSize", () -> c.setStepSize(Double.POSITIVE_INFINITY), () -> b.stepSize(Double.POSITIVE_INFINITY),
        "stepSize must be a positive finite number, got Infinity");
    refusedByBoth("stepSize", () -> c.setStepSize(-1), () -> b.stepSize(-1),
        "stepSize must be a positive finite number, got -1.0");
    refusedByBoth("stepSize", () -> c.setStepSize(Double.NaN), () -> b.stepSize(Double.NaN),
        "stepSize must be a positive finite number, got NaN");
    refusedByBoth("batchSize", () -> c.setBatchSize(0), () -> b.batchSize(0), "batchSize must be at least 1, got 0");
    refusedByBoth("maxIter", () -> c.setMaxIter(0), () -> b.maxIter(0), "maxIter must be at least 1, got 0");
    refusedByBoth("localSteps", () -> c.setLocalSteps(-1), () -> b.localSteps(-1),
        "localSteps must be >= 0 (0: one pass per round), got -1");
    refusedByBoth("layers", () -> c.setLayers(new int[] {784}), () -> DistributedTrainer.builder(784),
        "layers must be at least two positive sizes (inputs, ..., classes), got [784]");
    refusedByBoth("layers", () -> c.setLayers(new int[] {784, 0, 10}), () -> DistributedTrainer.builder(784, 0, 10),
        "layers must be at least two positive sizes (inputs, ..., classes), got [784, 0, 10]");
    // Values both accept: the edges of the rules.
    c.setStepSize(1e30).setBatchSize(1).setMaxIter(1).setLocalSteps(0).setLayers(new int[] {1, 1});
    b.stepSize(1e30).batchSize(1).maxIter(1).localSteps(0);
    DistributedTrainer.builder(1, 1);
    assertEquals(1e30, c.getStepSize());
  }

  private static void refusedByBoth(String name, Executable param, Executable builder, String message) {
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, param, name + " param");
    assertTrue(p.getMessage().contains("parameter " + name + " given invalid value"), p.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, builder, name + " builder");
    assertEquals(message, b.getMessage());
  }

  @Test
  void aChoiceParsesEveryLabelItsParamAcceptsAndNothingElse() {
    NablaClassifier c = new NablaClassifier();
    for (Activation a : Activation.values()) {
      c.setActivation(a.label().toUpperCase(java.util.Locale.ROOT));
      assertEquals(a, FitSettings.ACTIVATION.parse(c.getActivation()));
    }
    for (OptimizerKind o : OptimizerKind.values()) {
      assertEquals(o, FitSettings.OPTIMIZER.parse(c.setOptimizer(o.label()).getOptimizer()));
    }
    for (DType d : DType.values()) {
      assertEquals(d, FitSettings.DTYPE.parse(c.setDtype(d.label()).getDtype()));
    }
    for (TrainingMode m : TrainingMode.values()) {
      assertEquals(m, FitSettings.MODE.parse(c.setMode(m.label()).getMode()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitSettings.MODE.parse("async"));
    assertEquals("unknown mode 'async'; expected one of local, sync", e.getMessage());
    assertThrows(NullPointerException.class, () -> DistributedTrainer.builder(6, 3).mode(null));
  }
}
