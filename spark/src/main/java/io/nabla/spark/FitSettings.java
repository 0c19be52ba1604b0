package io.nabla.spark;

import io.nabla.backend.DType;
import io.nabla.model.Activation;
import io.nabla.model.Architecture;
import io.nabla.model.Preset;
import io.nabla.model.WeightInit;
import io.nabla.optimizer.OptimizerKind;
import java.util.Arrays;

/**
 * Every setting of a distributed fit, with its default and its rule, written here once: {@link
 * DistributedTrainer.Builder} starts from these defaults and checks its values with these rules,
 * and {@link NablaParamSet} makes the Spark ML params of {@link NablaClassifier} and {@link
 * NablaClassificationModel} from the same definitions (name, doc, default, validator). The
 * defaults are the chapter's: sigmoid, SGD, learning rate 0.1, batch 100, seed 42, weights drawn
 * from {@code normal(0.01)}, no weight decay.
 *
 * <p>A net is given either by {@link #LAYERS} and {@link #ACTIVATION} (a fully connected one) or
 * by {@link #NET} and {@link #INPUT_SHAPE} (any net Nabla can write as text, convolutional ones
 * included); the first is translated into the second ({@link Architecture#feedForward}), so one
 * path trains both.
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

  /**
   * The net's layers as text ({@code conv(30,5) relu maxpool(2) affine(100) relu affine(10)}) or
   * a {@link Preset}'s name ({@code simple-conv}); empty (the default) for {@link #LAYERS} and
   * {@link #ACTIVATION}. The param's rule is that the text parses; whether it takes {@link
   * #INPUT_SHAPE} and ends in class scores is checked where both are known: by the builder, and by
   * the classifier's {@code transformSchema} before any job.
   */
  static final Setting<String> NET = Setting.of("net",
      "the net's layers as text, e.g. 'conv(30,5) relu maxpool(2) affine(100) relu affine(10)', or a preset's"
          + " name (" + Preset.labels() + "); empty for the layers and activation params",
      "", FitSettings::isNetText, "empty, a preset's name (" + Preset.labels() + ") or layers as text such as"
          + " 'conv(30,5) relu maxpool(2) affine(10)'", text -> "'" + text + "'");

  /** One sample's shape without the batch dimension, such as [1, 28, 28]; no default, given with {@link #NET}. */
  static final Setting<int[]> INPUT_SHAPE = Setting.of("inputShape",
      "one sample's shape without the batch dimension, e.g. [1, 28, 28] (channels, height, width) or [784];"
          + " required with net; the features column holds its product of values per row",
      null, shape -> shape.length >= 1 && Arrays.stream(shape).allMatch(n -> n > 0),
      "at least one positive size", Arrays::toString);

  /**
   * How the initial weights are drawn ({@link WeightInit#parse}: {@code normal(0.01)}, {@code he},
   * {@code xavier}); empty (the default) for the preset's rule when {@link #NET} names one, else
   * the chapter's {@code normal(0.01)}.
   */
  static final Setting<String> WEIGHT_INIT = Setting.of("weightInit",
      "initial weights: he, xavier, normal or normal(STD); empty for the preset's rule when net names one, else"
          + " the chapter's normal(0.01)",
      "", FitSettings::isWeightInit, "empty, he, xavier, normal or normal(STD) with STD >= 0",
      text -> "'" + text + "'");

  /** The L2 weight decay's lambda (default 0: none), in the loss and the gradient of every step. */
  static final Setting<Double> WEIGHT_DECAY = Setting.of("weightDecay",
      "L2 weight decay's lambda: the loss adds lambda / 2 times the weights' squares, biases excepted (>= 0,"
          + " finite)", 0.0, lambda -> lambda >= 0 && !Double.isInfinite(lambda), "a finite number >= 0");

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

  /** Whether {@code text} is empty, a preset's name or an architecture's text. */
  static boolean isNetText(String text) {
    if (text.isBlank() || Preset.named(text).isPresent()) {
      return true;
    }
    try {
      Architecture.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code text} is empty or a {@link WeightInit}'s text. */
  static boolean isWeightInit(String text) {
    if (text.isBlank()) {
      return true;
    }
    try {
      WeightInit.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
