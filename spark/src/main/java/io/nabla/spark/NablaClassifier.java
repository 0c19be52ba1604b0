package io.nabla.spark;

import io.nabla.model.Activation;
import io.nabla.model.WeightInit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML classifier that trains a Nabla net data-parallel over the partitions of its input
 * ({@link DistributedTrainer}), for use where Spark ML estimators go: {@code fit}, {@code
 * Pipeline}, {@code CrossValidator} with {@code ParamGridBuilder}, ML persistence. The net is a
 * fully connected one of {@code layers} and {@code activation}, or any net Nabla can write as
 * text, convolutional ones included: {@code net} (its layers' text or a preset's name) with
 * {@code inputShape} (one sample's shape, the features column holding its product of values per
 * row).
 *
 * <pre>{@code
 * NablaClassificationModel model = new NablaClassifier()
 *     .setLayers(new int[] {784, 50, 10}).setMaxIter(17).setScaleStepSize(true)
 *     .fit(train);
 * model.transform(test); // rawPrediction, probability, prediction
 *
 * NablaClassificationModel conv = new NablaClassifier()
 *     .setNet("conv(30,5) relu maxpool(2) affine(100) relu affine(10)") // or "simple-conv"
 *     .setInputShape(new int[] {1, 28, 28}).setWeightInit("he").setOptimizer("adam").setStepSize(0.001)
 *     .fit(train);
 * }</pre>
 *
 * <p>The features column may be a Spark ML {@code Vector}, {@code array<float>} or {@code
 * array<double>}; the label column holds class indices {@code 0 .. classes - 1}. Params not set
 * take the defaults of {@link NablaParams} (the chapter's: sigmoid, SGD, learning rate 0.1, batch
 * 100, seed 42), except {@code layers} or {@code net} and {@code inputShape}, which must be set. A
 * {@code net} that does not parse, cannot take {@code inputShape} or does not end in class scores
 * fails in {@link #transformSchema} (which {@code fit} and {@code Pipeline.fit} call first), before
 * any Spark job. Round listeners ({@link #addRoundListener}) are not params: {@link #copy} keeps
 * them, saving does not. A fit whose loss diverges throws a {@link FitDivergedException} naming the
 * round and the step size; the model of a fit that returns records how it was trained ({@link
 * NablaClassificationModel#trainingRecord()}).
 */
public final class NablaClassifier
    extends ProbabilisticClassifier<Vector, NablaClassifier, NablaClassificationModel>
    implements NablaParams, DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  // Spark's Scala traits create their params inside super(), which asks for uid() before this
  // class's fields exist: the uid waits here, and these fields have no initializers (SPARK-15605).
  private static final ThreadLocal<String> PENDING_UID = new ThreadLocal<>();
  private String uid;
  private NablaParamSet paramSet;
  private transient List<RoundListener> listeners;

  /** A classifier with a new uid. */
  public NablaClassifier() {
    this(Identifiable.randomUID("nablaClassifier"));
  }

  /** A classifier with the given uid (what Spark's copy and persistence call). */
  public NablaClassifier(String uid) {
    this(stash(uid), 0);
  }

  private NablaClassifier(String uid, int unused) {
    super();
    this.uid = uid;
    PENDING_UID.remove();
    nablaParamSet().setDefaults(this);
  }

  private static String stash(String uid) {
    PENDING_UID.set(uid);
    return uid;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = PENDING_UID.get();
    }
    return uid;
  }

  @Override
  public NablaParamSet nablaParamSet() {
    if (paramSet == null) {
      paramSet = new NablaParamSet(this);
    }
    return paramSet;
  }

  /** Sets {@link #layers()}. */
  public NablaClassifier setLayers(int[] value) {
    set(layers(), value);
    return this;
  }

  /**
   * Sets {@link #netParam() net}: the layers as text, such as {@code "conv(30,5) relu maxpool(2)
   * affine(100) relu affine(10)"}, or a preset's name ({@code simple-conv}, {@code deep-conv});
   * empty for {@link #layers()}. Set {@link #inputShape()} with it.
   */
  public NablaClassifier setNet(String value) {
    set(netParam(), value);
    return this;
  }

  /** Sets {@link #inputShape()}: one sample's shape without the batch dimension, such as {1, 28, 28}. */
  public NablaClassifier setInputShape(int[] value) {
    set(inputShape(), value);
    return this;
  }

  /** Sets {@link #weightInit()}: {@code he}, {@code xavier}, {@code normal}, {@code normal(STD)}, or empty. */
  public NablaClassifier setWeightInit(String value) {
    set(weightInit(), value);
    return this;
  }

  /** Sets {@link #weightDecay()}. */
  public NablaClassifier setWeightDecay(double value) {
    set(weightDecay(), value);
    return this;
  }

  /** Sets {@link #activation()}: the label of an {@link Activation}, such as {@code relu}. */
  public NablaClassifier setActivation(String value) {
    set(activation(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Sets {@link #optimizer()}: {@code sgd}, {@code momentum}, {@code adagrad} or {@code adam}. */
  public NablaClassifier setOptimizer(String value) {
    set(optimizer(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Sets {@link #stepSize()}. */
  public NablaClassifier setStepSize(double value) {
    set(stepSize(), value);
    return this;
  }

  /** Sets {@link #batchSize()}. */
  public NablaClassifier setBatchSize(int value) {
    set(batchSize(), value);
    return this;
  }

  /** Sets {@link #maxIter()}. */
  public NablaClassifier setMaxIter(int value) {
    set(maxIter(), value);
    return this;
  }

  /** Sets {@link #localSteps()}. */
  public NablaClassifier setLocalSteps(int value) {
    set(localSteps(), value);
    return this;
  }

  /** Sets {@link #seed()}. */
  public NablaClassifier setSeed(long value) {
    set(seed(), value);
    return this;
  }

  /** Sets {@link #backend()}. */
  public NablaClassifier setBackend(String value) {
    set(backend(), value);
    return this;
  }

  /** Sets {@link #dtype()}: {@code float32} or {@code float64}. */
  public NablaClassifier setDtype(String value) {
    set(dtype(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Sets {@link #mode()}: {@code local} or {@code sync}. */
  public NablaClassifier setMode(String value) {
    set(mode(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Sets {@link #scaleStepSize()}. */
  public NablaClassifier setScaleStepSize(boolean value) {
    set(scaleStepSize(), value);
    return this;
  }

  /** Sets {@link #validationIndicatorCol()}. */
  public NablaClassifier setValidationIndicatorCol(String value) {
    set(validationIndicatorCol(), value);
    return this;
  }

  /** Adds a listener told on the driver after every round of every fit. Not a param: not saved. */
  public NablaClassifier addRoundListener(RoundListener listener) {
    listeners().add(java.util.Objects.requireNonNull(listener, "listener"));
    return this;
  }

  private List<RoundListener> listeners() {
    if (listeners == null) {
      listeners = new ArrayList<>();
    }
    return listeners;
  }

  /**
   * {@inheritDoc} Checks the net too, once one is described ({@code net}, {@code inputShape} or
   * {@code layers} set), so that a bad one fails before any job.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    if (!getNet().isBlank() || isDefined(inputShape()) || isDefined(layers())) {
      trainerOfTheNet();
    }
    FeatureColumn.of(schema, getFeaturesCol());
    FeatureColumn.checkLabel(schema, getLabelCol());
    if (isDefined(validationIndicatorCol())) {
      String column = getValidationIndicatorCol();
      if (!Arrays.asList(schema.fieldNames()).contains(column)
          || !(schema.apply(column).dataType() instanceof BooleanType)) {
        throw new NablaDataException("validationIndicatorCol '" + column + "' must be a boolean column; the"
            + " columns are " + schema.simpleString());
      }
    }
    return new OutputColumns(getRawPredictionCol(), getProbabilityCol(), getPredictionCol()).appendTo(schema);
  }

  /**
   * The trainer's builder for the net the params describe: {@code net} and {@code inputShape}, or
   * {@code layers} and {@code activation}, with the weight initialization and decay.
   *
   * @throws IllegalArgumentException naming the params at fault: none of the two described, both,
   *     {@code net} without {@code inputShape} or the other way round, or a {@code net} the builder
   *     refuses
   */
  private DistributedTrainer.Builder trainerOfTheNet() {
    String net = getNet();
    DistributedTrainer.Builder builder;
    if (!net.isBlank()) {
      if (isSet(layers()) || isSet(activation())) {
        throw new IllegalArgumentException("NablaClassifier " + uid() + ": net '" + net + "' is set, and so is "
            + (isSet(layers()) ? "layers" : "activation") + "; give either net (with inputShape) or layers (with"
            + " activation)");
      }
      if (!isDefined(inputShape())) {
        throw new IllegalArgumentException("NablaClassifier " + uid() + ": net '" + net + "' needs inputShape, one"
            + " sample's shape without the batch dimension, e.g. setInputShape(new int[] {1, 28, 28}) for MNIST"
            + " images");
      }
      builder = DistributedTrainer.builder(net, getInputShape());
    } else if (isDefined(inputShape())) {
      throw new IllegalArgumentException("NablaClassifier " + uid() + ": inputShape is set but net is not; inputShape"
          + " goes with net (layers give the input size as their first size)");
    } else if (!isDefined(layers())) {
      throw new IllegalArgumentException("NablaClassifier " + uid() + ": set layers, input size first and classes"
          + " last, e.g. setLayers(new int[] {784, 50, 10}), or set net and inputShape");
    } else {
      builder = DistributedTrainer.builder(getLayers()).activation(FitSettings.ACTIVATION.parse(getActivation()));
    }
    if (!getWeightInit().isBlank()) {
      builder.weightInit(WeightInit.parse(getWeightInit()));
    }
    return builder.weightDecay(getWeightDecay());
  }

  @Override
  public NablaClassificationModel train(Dataset<?> dataset) {
    DistributedTrainer.Builder builder = trainerOfTheNet()
        .optimizer(FitSettings.OPTIMIZER.parse(getOptimizer()))
        .stepSize(getStepSize()).batchSize(getBatchSize()).maxIter(getMaxIter()).localSteps(getLocalSteps())
        .seed(getSeed()).backend(getBackend())
        .dtype(FitSettings.DTYPE.parse(getDtype())).mode(FitSettings.MODE.parse(getMode()))
        .scaleStepSizeByPartitions(getScaleStepSize());
    listeners().forEach(builder::listener);
    Dataset<Row> all = dataset.toDF();
    FitResult fit;
    if (isDefined(validationIndicatorCol())) {
      Column validation = functions.col(getValidationIndicatorCol());
      fit = builder.build().fit(all.filter(functions.not(validation)), getFeaturesCol(), getLabelCol(),
          all.filter(validation));
    } else {
      fit = builder.build().fit(all, getFeaturesCol(), getLabelCol());
    }
    // Predictor.fit copies this classifier's params into the model and sets its parent.
    return new NablaClassificationModel(uid(), NetWeights.of(fit.net()), fit.rounds(), fit.training());
  }

  @Override
  public NablaClassifier copy(ParamMap extra) {
    NablaClassifier copy = defaultCopy(extra);
    copy.listeners().addAll(listeners());
    return copy;
  }

  /** The reader of a saved classifier, as Spark's {@code Pipeline.load} calls it. */
  public static MLReader<NablaClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a classifier saved with {@code write().save(path)}. */
  public static NablaClassifier load(String path) {
    return read().load(path);
  }
}
