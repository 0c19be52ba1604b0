package io.nabla.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params {@link NablaClassifier} and {@link NablaClassificationModel} share, with their
 * getters. Spark ML finds params by reflection, as public no-argument methods returning a {@link
 * Param}: these default methods are such methods, on both classes, written once. Each training
 * param's default and rule are those of the {@link DistributedTrainer.Builder} method of the same
 * name (one definition serves both).
 */
public interface NablaParams extends Params {

  /** The param objects of this instance (created with it). */
  NablaParamSet nablaParamSet();

  /**
   * Layer sizes of a fully connected net, inputs first and classes last; no default: it or {@link
   * #netParam() net} must be set.
   */
  default IntArrayParam layers() {
    return nablaParamSet().layers;
  }

  /** The {@link #layers()} value. */
  default int[] getLayers() {
    return $(layers());
  }

  /**
   * The net's layers as text ({@code "conv(30,5) relu maxpool(2) affine(100) relu affine(10)"}) or
   * a preset's name ({@code simple-conv}, {@code deep-conv}); empty (the default) for a fully
   * connected net of {@link #layers()} and {@link #activation()}. Set with {@link #inputShape()}.
   * The param is called {@code net}; its accessor is not, since a model's {@code net()} is the
   * trained Nabla net.
   */
  default Param<String> netParam() {
    return nablaParamSet().net;
  }

  /** The {@link #netParam() net} value. */
  default String getNet() {
    return $(netParam());
  }

  /**
   * One sample's shape without the batch dimension, such as [1, 28, 28] (channels, height, width)
   * for MNIST images; no default: required with {@link #netParam() net}. The features column holds
   * its product of values per row.
   */
  default IntArrayParam inputShape() {
    return nablaParamSet().inputShape;
  }

  /** The {@link #inputShape()} value. */
  default int[] getInputShape() {
    return $(inputShape());
  }

  /**
   * How the initial weights are drawn: {@code he}, {@code xavier}, {@code normal} or {@code
   * normal(STD)}; empty (the default) for the preset's rule when {@link #netParam() net} names a
   * preset, else the chapter's {@code normal(0.01)}.
   */
  default Param<String> weightInit() {
    return nablaParamSet().weightInit;
  }

  /** The {@link #weightInit()} value. */
  default String getWeightInit() {
    return $(weightInit());
  }

  /**
   * The L2 weight decay's lambda, finite and at least 0 (default 0: none): the loss adds {@code
   * lambda / 2} times the sum of the weights' squares, biases excepted.
   */
  default DoubleParam weightDecay() {
    return nablaParamSet().weightDecay;
  }

  /** The {@link #weightDecay()} value. */
  default double getWeightDecay() {
    return (Double) $(weightDecay());
  }

  /** Hidden activation: {@code sigmoid} (default) or {@code relu}. */
  default Param<String> activation() {
    return nablaParamSet().activation;
  }

  /** The {@link #activation()} value. */
  default String getActivation() {
    return $(activation());
  }

  /** Optimizer: {@code sgd} (default), {@code momentum}, {@code adagrad} or {@code adam}. */
  default Param<String> optimizer() {
    return nablaParamSet().optimizer;
  }

  /** The {@link #optimizer()} value. */
  default String getOptimizer() {
    return $(optimizer());
  }

  /** Learning rate, positive and finite (default 0.1, the chapter's). */
  default DoubleParam stepSize() {
    return nablaParamSet().stepSize;
  }

  /** The {@link #stepSize()} value. */
  default double getStepSize() {
    return (Double) $(stepSize());
  }

  /** Rows per mini-batch (default 100): per partition in local mode, global in sync mode. */
  default IntParam batchSize() {
    return nablaParamSet().batchSize;
  }

  /** The {@link #batchSize()} value. */
  default int getBatchSize() {
    return (Integer) $(batchSize());
  }

  /** Rounds in local mode, steps in sync mode (default 20). */
  default IntParam maxIter() {
    return nablaParamSet().maxIter;
  }

  /** The {@link #maxIter()} value. */
  default int getMaxIter() {
    return (Integer) $(maxIter());
  }

  /** Local mode: steps per partition per round; 0 (default) for one pass over its rows. */
  default IntParam localSteps() {
    return nablaParamSet().localSteps;
  }

  /** The {@link #localSteps()} value. */
  default int getLocalSteps() {
    return (Integer) $(localSteps());
  }

  /** Seed of the initial weights and the batch samplers (default 42). */
  default LongParam seed() {
    return nablaParamSet().seed;
  }

  /** The {@link #seed()} value. */
  default long getSeed() {
    return (Long) $(seed());
  }

  /** Nabla backend by name, or {@code auto} (default) for the fastest in each JVM. */
  default Param<String> backend() {
    return nablaParamSet().backend;
  }

  /** The {@link #backend()} value. */
  default String getBackend() {
    return $(backend());
  }

  /** Element type of the parameters: {@code float32} (default) or {@code float64}. */
  default Param<String> dtype() {
    return nablaParamSet().dtype;
  }

  /** The {@link #dtype()} value. */
  default String getDtype() {
    return $(dtype());
  }

  /** {@code local} (default): local steps with parameter averaging; {@code sync}: gradient averaging. */
  default Param<String> mode() {
    return nablaParamSet().mode;
  }

  /** The {@link #mode()} value. */
  default String getMode() {
    return $(mode());
  }

  /** Local mode: multiply the learning rate by the number of partitions (default false). */
  default BooleanParam scaleStepSize() {
    return nablaParamSet().scaleStepSize;
  }

  /** The {@link #scaleStepSize()} value. */
  default boolean getScaleStepSize() {
    return (Boolean) $(scaleStepSize());
  }

  /** A boolean column marking validation rows (not trained on, scored after every pass); unset by default. */
  default Param<String> validationIndicatorCol() {
    return nablaParamSet().validationIndicatorCol;
  }

  /** The {@link #validationIndicatorCol()} value. */
  default String getValidationIndicatorCol() {
    return $(validationIndicatorCol());
  }
}
