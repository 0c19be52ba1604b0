package io.nabla.spark;

import io.nabla.model.Activation;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.backend.DType;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import scala.Function1;

/**
 * The Spark ML params of one {@link NablaClassifier} or {@link NablaClassificationModel}, owned by
 * it (each param names its owner's uid). Users reach them through the owner's accessors ({@code
 * layers()}, {@code getLayers()}, {@code setLayers(...)}); this class only creates them and their
 * defaults, once, so the estimator and its model share one definition.
 */
public final class NablaParamSet implements Serializable {

  private static final long serialVersionUID = 1L;

  final IntArrayParam layers;
  final Param<String> activation;
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
    layers = new IntArrayParam(owner, "layers",
        "layer sizes, inputs first and classes last (784, 50, 10 is the chapter's TwoLayerNet; more sizes,"
            + " a deeper net)", (Function1<int[], Object> & Serializable) NablaParamSet::validLayers);
    activation = new Param<>(owner.uid(), "activation", "hidden activation: "
        + labels(Activation.values()), ParamValidators.inArray(labels(Activation.values())));
    optimizer = new Param<>(owner.uid(), "optimizer", "optimizer: " + labels(OptimizerKind.values()),
        ParamValidators.inArray(labels(OptimizerKind.values())));
    stepSize = new DoubleParam(owner, "stepSize", "learning rate (> 0)", ParamValidators.gt(0));
    batchSize = new IntParam(owner, "batchSize",
        "rows per mini-batch: per partition in local mode, the global batch in sync mode (>= 1)",
        ParamValidators.gtEq(1));
    maxIter = new IntParam(owner, "maxIter", "rounds in local mode, steps in sync mode (>= 1)",
        ParamValidators.gtEq(1));
    localSteps = new IntParam(owner, "localSteps",
        "local mode: steps per partition per round; 0 for one pass over the partition's rows (>= 0)",
        ParamValidators.gtEq(0));
    seed = new LongParam(owner, "seed", "seed of the initial weights and the batch samplers");
    backend = new Param<>(owner.uid(), "backend",
        "Nabla backend to compute with (simd, pure, jblas, ...); auto for the fastest in each JVM",
        (Function1<String, Object> & Serializable) b -> b != null && !b.isBlank());
    dtype = new Param<>(owner.uid(), "dtype", "element type of the parameters: float32 or float64",
        ParamValidators.inArray(List.of(DType.FLOAT32.label(), DType.FLOAT64.label())));
    mode = new Param<>(owner.uid(), "mode", "local: local steps with parameter averaging; sync: synchronous"
        + " gradient averaging, one Spark job per step",
        ParamValidators.inArray(List.of(TrainingMode.LOCAL_STEPS.label(), TrainingMode.SYNC_GRADIENT.label())));
    scaleStepSize = new BooleanParam(owner, "scaleStepSize",
        "local mode: multiply the learning rate by the number of partitions that hold rows");
    validationIndicatorCol = new Param<>(owner.uid(), "validationIndicatorCol",
        "name of a boolean column that is true for validation rows: they are not trained on, and accuracy on"
            + " them is measured after every pass (in the model's rounds())");
  }

  /** Sets every default on {@code owner} (layers and validationIndicatorCol have none). */
  void setDefaults(NablaParams owner) {
    owner.setDefault(activation, Activation.SIGMOID.label());
    owner.setDefault(optimizer, OptimizerKind.SGD.label());
    owner.setDefault(stepSize, 0.1);
    owner.setDefault(batchSize, 100);
    owner.setDefault(maxIter, 20);
    owner.setDefault(localSteps, 0);
    owner.setDefault(seed, 42L);
    owner.setDefault(backend, "auto");
    owner.setDefault(dtype, DType.FLOAT32.label());
    owner.setDefault(mode, TrainingMode.LOCAL_STEPS.label());
    owner.setDefault(scaleStepSize, false);
  }

  private static boolean validLayers(int[] sizes) {
    return sizes != null && sizes.length >= 2 && Arrays.stream(sizes).allMatch(n -> n > 0);
  }

  private static List<String> labels(Object[] values) {
    return Arrays.stream(values).map(Object::toString).toList();
  }
}
