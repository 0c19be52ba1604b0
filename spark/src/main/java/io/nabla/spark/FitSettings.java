package io.nabla.spark;

import io.nabla.backend.DType;
import io.nabla.model.Activation;
import io.nabla.optimizer.OptimizerKind;
import java.util.Arrays;

/**
 * Every setting of a distributed fit, with its default and its rule, written here once: {@link
 * DistributedTrainer.Builder} starts from these defaults and checks its values with these rules,
 * and {@link NablaParamSet} makes the Spark ML params of {@link NablaClassifier} and {@link
 * NablaClassificationModel} from the same definitions (name, doc, default, validator). The
 * defaults are the chapter's: sigmoid, SGD, learning rate 0.1, batch 100, seed 42.
 */
final class FitSettings {

  private FitSettings() {}

  /** The backend name that leaves the choice to each JVM (the fastest available there). */
  static final String AUTO_BACKEND = "auto";

  /** Layer sizes, inputs first and classes last; no default. */
  static final Setting<int[]> LAYERS = Setting.of("layers",
      "layer sizes, inputs first and classes last (784, 50, 10 is the chapter's TwoLayerNet; more sizes,"
          + " a deeper net)",
      null, sizes -> sizes.length >= 2 && Arrays.stream(sizes).allMatch(n -> n > 0),
      "at least two positive sizes (inputs, ..., classes)", Arrays::toString);

  /** The hidden activation (default sigmoid, the chapter's). */
  static final Choice<Activation> ACTIVATION = new Choice<>("activation",
      "hidden activation: " + Arrays.stream(Activation.values()).map(Activation::label).toList(),
      Activation.SIGMOID, Activation.values(), Activation::label);

  /** The optimizer (default SGD). */
  static final Choice<OptimizerKind> OPTIMIZER = new Choice<>("optimizer",
      "optimizer: " + Arrays.stream(OptimizerKind.values()).map(OptimizerKind::label).toList(),
      OptimizerKind.SGD, OptimizerKind.values(), OptimizerKind::label);

  /** The learning rate (default 0.1, the chapter's). */
  static final Setting<Double> STEP_SIZE = Setting.of("stepSize", "learning rate (> 0, finite)", 0.1,
      rate -> rate > 0 && !Double.isInfinite(rate), "a positive finite number");

  /** Rows per mini-batch (default 100): per partition in local mode, the global batch in sync mode. */
  static final Setting<Integer> BATCH_SIZE = Setting.of("batchSize",
      "rows per mini-batch: per partition in local mode, the global batch in sync mode (>= 1)", 100,
      rows -> rows >= 1, "at least 1");

  /** Rounds in local mode, steps in sync mode (default 20). */
  static final Setting<Integer> MAX_ITER = Setting.of("maxIter", "rounds in local mode, steps in sync mode (>= 1)",
      20, rounds -> rounds >= 1, "at least 1");

  /** Local mode: steps per partition per round; 0 (the default) for one pass over its rows. */
  static final Setting<Integer> LOCAL_STEPS = Setting.of("localSteps",
      "local mode: steps per partition per round; 0 for one pass over the partition's rows (>= 0)", 0,
      steps -> steps >= 0, ">= 0 (0: one pass per round)");

  /** Seed of the initial weights and the batch samplers (default 42). */
  static final Setting<Long> SEED = Setting.any("seed", "seed of the initial weights and the batch samplers", 42L);

  /** The backend by name, or {@value #AUTO_BACKEND} (the default) for the fastest in each JVM. */
  static final Setting<String> BACKEND = Setting.of("backend",
      "Nabla backend to compute with (simd, pure, jblas, ...); auto for the fastest in each JVM", AUTO_BACKEND,
      name -> !name.isBlank(), "a backend's name or " + AUTO_BACKEND);

  /** The parameters' element type (default float32). */
  static final Choice<DType> DTYPE = new Choice<>("dtype", "element type of the parameters: float32 or float64",
      DType.FLOAT32, DType.values(), DType::label);

  /** The training mode (default local steps). */
  static final Choice<TrainingMode> MODE = new Choice<>("mode",
      "local: local steps with parameter averaging; sync: synchronous gradient averaging, one Spark job per step",
      TrainingMode.LOCAL_STEPS, TrainingMode.values(), TrainingMode::label);

  /**
   * Local mode: multiply the learning rate by the number of partitions that hold rows (default
   * off). The builder's method is {@code scaleStepSizeByPartitions}.
   */
  static final Setting<Boolean> SCALE_STEP_SIZE = Setting.any("scaleStepSize",
      "local mode: multiply the learning rate by the number of partitions that hold rows", false);
}
