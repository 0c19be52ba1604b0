package io.nabla.spark;

import static io.nabla.spark.FitSettings.ACTIVATION;
import static io.nabla.spark.FitSettings.BACKEND;
import static io.nabla.spark.FitSettings.BATCH_SIZE;
import static io.nabla.spark.FitSettings.DTYPE;
import static io.nabla.spark.FitSettings.INPUT_SHAPE;
import static io.nabla.spark.FitSettings.LAYERS;
import static io.nabla.spark.FitSettings.LOCAL_STEPS;
import static io.nabla.spark.FitSettings.MAX_ITER;
import static io.nabla.spark.FitSettings.MODE;
import static io.nabla.spark.FitSettings.NET;
import static io.nabla.spark.FitSettings.OPTIMIZER;
import static io.nabla.spark.FitSettings.SCALE_STEP_SIZE;
import static io.nabla.spark.FitSettings.SEED;
import static io.nabla.spark.FitSettings.STEP_SIZE;
import static io.nabla.spark.FitSettings.WEIGHT_DECAY;
import static io.nabla.spark.FitSettings.WEIGHT_INIT;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Spark ML params of one {@link NablaClassifier} or {@link NablaClassificationModel}, owned by
 * it (each param names its owner's uid). Users reach them through the owner's accessors ({@code
 * layers()}, {@code getLayers()}, {@code setLayers(...)}); this class only creates them, once, so
 * the estimator and its model share one definition. Each training param's name, doc, validator
 * and default come from {@link FitSettings}, where {@link DistributedTrainer.Builder} finds them
 * too.
 */
public final class NablaParamSet implements Serializable {

  private static final long serialVersionUID = 1L;

  final IntArrayParam layers;
  final Param<String> activation;
  final Param<String> net;
  final IntArrayParam inputShape;
  final Param<String> weightInit;
  final DoubleParam weightDecay;
  final Param<String> optimizer;
  final DoubleParam stepSize;
  final IntParam batchSize;
  final IntParam maxIter;
  final IntParam localSteps;
  final LongParam seed;
  final Param<String> backend;
  final Param<String> dtype;
  final Param<String> mode;
  final BooleanParam scaleStepSize;
  final Param<String> validationIndicatorCol;

  NablaParamSet(Params owner) {
    layers = new IntArrayParam(owner, LAYERS.name(), LAYERS.doc(), LAYERS.validator());
    activation = new Param<>(owner.uid(), ACTIVATION.name(), ACTIVATION.doc(), ACTIVATION.validator());
    net = new Param<>(owner.uid(), NET.name(), NET.doc(), NET.validator());
    inputShape = new IntArrayParam(owner, INPUT_SHAPE.name(), INPUT_SHAPE.doc(), INPUT_SHAPE.validator());
    weightInit = new Param<>(owner.uid(), WEIGHT_INIT.name(), WEIGHT_INIT.doc(), WEIGHT_INIT.validator());
    weightDecay = new DoubleParam(owner, WEIGHT_DECAY.name(), WEIGHT_DECAY.doc(), WEIGHT_DECAY.validator());
    optimizer = new Param<>(owner.uid(), OPTIMIZER.name(), OPTIMIZER.doc(), OPTIMIZER.validator());
    stepSize = new DoubleParam(owner, STEP_SIZE.name(), STEP_SIZE.doc(), STEP_SIZE.validator());
    batchSize = new IntParam(owner, BATCH_SIZE.name(), BATCH_SIZE.doc(), BATCH_SIZE.validator());
    maxIter = new IntParam(owner, MAX_ITER.name(), MAX_ITER.doc(), MAX_ITER.validator());
    localSteps = new IntParam(owner, LOCAL_STEPS.name(), LOCAL_STEPS.doc(), LOCAL_STEPS.validator());
    seed = new LongParam(owner, SEED.name(), SEED.doc(), SEED.validator());
    backend = new Param<>(owner.uid(), BACKEND.name(), BACKEND.doc(), BACKEND.validator());
    dtype = new Param<>(owner.uid(), DTYPE.name(), DTYPE.doc(), DTYPE.validator());
    mode = new Param<>(owner.uid(), MODE.name(), MODE.doc(), MODE.validator());
    scaleStepSize = new BooleanParam(owner, SCALE_STEP_SIZE.name(), SCALE_STEP_SIZE.doc());
    validationIndicatorCol = new Param<>(owner.uid(), "validationIndicatorCol",
        "name of a boolean column that is true for validation rows: they are not trained on, and accuracy on"
            + " them is measured after every pass (in the model's rounds())");
  }

  /** Sets every default on {@code owner} (layers, inputShape and validationIndicatorCol have none). */
  void setDefaults(NablaParams owner) {
    owner.setDefault(activation, ACTIVATION.defaultLabel());
    owner.setDefault(net, NET.defaultValue());
    owner.setDefault(weightInit, WEIGHT_INIT.defaultValue());
    owner.setDefault(weightDecay, WEIGHT_DECAY.defaultValue());
    owner.setDefault(optimizer, OPTIMIZER.defaultLabel());
    owner.setDefault(stepSize, STEP_SIZE.defaultValue());
    owner.setDefault(batchSize, BATCH_SIZE.defaultValue());
    owner.setDefault(maxIter, MAX_ITER.defaultValue());
    owner.setDefault(localSteps, LOCAL_STEPS.defaultValue());
    owner.setDefault(seed, SEED.defaultValue());
    owner.setDefault(backend, BACKEND.defaultValue());
    owner.setDefault(dtype, DTYPE.defaultLabel());
    owner.setDefault(mode, MODE.defaultLabel());
    owner.setDefault(scaleStepSize, SCALE_STEP_SIZE.defaultValue());
  }
}
