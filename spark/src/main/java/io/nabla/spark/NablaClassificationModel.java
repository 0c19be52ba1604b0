package io.nabla.spark;

import io.nabla.model.Architecture;
import io.nabla.model.ModelDescription;
import io.nabla.model.Net;
import io.nabla.onnx.OnnxExport;
import io.nabla.onnx.OnnxImport;
import io.nabla.model.TrainingRecord;
import io.nabla.tensor.Tensor;
import java.util.Arrays;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Nabla net that scores rows in batches: what {@link NablaClassifier} fits (a fully
 * connected net, or any net its {@code net} param describes, convolutional ones included), or any
 * {@link Net} given to {@link #of} or loaded from a saved model, residual and other architectures
 * included. A features row of {@link #numFeatures()} values is read as one sample of the net's
 * input shape (784 pixels as a [1, 28, 28] image). {@link #transform} appends {@code
 * rawPrediction} (the class scores before softmax), {@code probability} and {@code prediction};
 * {@link #net()} is the net itself, for Nabla's own API. Saved
 * with {@code write().save(path)}, alone or in a {@code PipelineModel}: Spark's metadata (uid and
 * every param) plus {@code nabla/model.npz}, which {@link io.nabla.model.ModelFile#load} and
 * {@code nabla eval} read, with the fit's {@link #trainingRecord() training record} in it.
 */
public final class NablaClassificationModel
    extends ProbabilisticClassificationModel<Vector, NablaClassificationModel>
    implements NablaParams, MLWritable {

  private static final long serialVersionUID = 1L;

  private static final ThreadLocal<String> PENDING_UID = new ThreadLocal<>();
  private String uid;
  private NablaParamSet paramSet;
  private NetWeights weights;
  private List<RoundSummary> rounds;
  // Core's record is not Serializable: a model sent through Java serialization arrives without
  // it (Spark ML's own persistence, write() and load(), keeps it in the model file).
  private transient TrainingRecord training;
  private transient ThreadLocal<Net> nets;

  /**
   * @param training how the net was trained; null if that is not known (a loaded file without a
   *     record)
   */
  NablaClassificationModel(String uid, NetWeights weights, List<RoundSummary> rounds, TrainingRecord training) {
    this(stash(uid), weights, rounds, training, 0);
  }

  private NablaClassificationModel(String uid, NetWeights weights, List<RoundSummary> rounds,
      TrainingRecord training, int unused) {
    super();
    this.uid = uid;
    PENDING_UID.remove();
    this.weights = weights;
    this.rounds = List.copyOf(rounds);
    this.training = training;
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

  /**
   * A model that scores with {@code net} (its parameters copied): a net trained outside Spark
   * ({@code nabla train --net ...}, then {@link io.nabla.model.ModelFile#load}) or built in Java,
   * to transform DataFrames or to save as a Spark ML model. It has a new uid, no rounds and no
   * training record; its {@code dtype} param is the net's, a fully connected net's {@code
   * layers} and {@code activation} params are set to its own, and any other net's {@code net} and
   * {@code inputShape} params to its architecture's text and its input shape.
   */
  public static NablaClassificationModel of(Net net) {
    NablaClassificationModel model =
        new NablaClassificationModel(Identifiable.randomUID("nablaClassifier"), NetWeights.of(net), List.of(), null);
    model.set(model.dtype(), net.dtype().label());
    Optional<Architecture.FeedForward> mlp = model.weights.feedForward();
    if (mlp.isPresent()) {
      model.set(model.layers(), mlp.get().layerSizes().stream().mapToInt(Integer::intValue).toArray());
      model.set(model.activation(), mlp.get().activation().label());
    } else {
      model.set(model.netParam(), net.architecture().text());
      model.set(model.inputShape(), net.inputShape().stream().mapToInt(Integer::intValue).toArray());
    }
    return model;
  }

  NetWeights weights() {
    return weights;
  }

  /**
   * A new Nabla net with this model's weights, on the backend the {@code backend} param names: a
   * {@link io.nabla.model.FeedForwardNet} for a fully connected one (what {@link NablaClassifier}
   * fits from {@code layers}), a {@link Net} of the architecture otherwise (a convolutional net
   * from {@code net}, a saved one).
   */
  public Net net() {
    return weights.net(NetSpec.backendNamed(getBackend()));
  }

  /**
   * Writes the net as an ONNX model ({@link OnnxExport}: opset 13, input {@code
   * input} of a row's features in the net's input shape after a dynamic batch dimension, outputs
   * {@code scores} and {@code probabilities}), with the fit's training record in its metadata, so
   * that ONNX Runtime serves it anywhere. {@code path} is on any file system Hadoop reaches (local,
   * HDFS, S3), through the active Spark session's Hadoop configuration when there is one; a failed
   * write leaves no partial model and the old file whole ({@code HadoopFiles}).
   *
   * @throws IOException naming the path if it cannot be written
   */
  public void writeOnnx(String path) throws IOException {
    Net net = net();
    try {
      HadoopFiles.write(new org.apache.hadoop.fs.Path(path), hadoopConfiguration(), local -> {
        if (training == null) {
          OnnxExport.save(local, net);
        } else {
          OnnxExport.save(local, net, training);
        }
      });
    } catch (IOException e) { // a failure of the local copy names that copy, not the path asked for
      throw new IOException("writing the ONNX model to " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * A model of the net in the ONNX file at {@code path} ({@link OnnxImport}: one {@link #writeOnnx}
   * wrote, with its training record, or one of another framework made of the operators Nabla
   * reads), on any file system Hadoop reaches, to transform DataFrames or save as a Spark ML model;
   * its params are set as {@link #of(Net)} sets them.
   *
   * @throws IOException naming the path, and the node or attribute at fault when Nabla cannot read it
   */
  public static NablaClassificationModel readOnnx(String path) throws IOException {
    OnnxImport.Imported imported = HadoopFiles.read(new org.apache.hadoop.fs.Path(path), hadoopConfiguration(),
        local -> OnnxImport.load(local, path, NetSpec.backendNamed("")));
    NablaClassificationModel model = of(imported.net());
    model.training = imported.description().flatMap(ModelDescription::training).orElse(null);
    return model;
  }

  /** The active Spark session's Hadoop configuration, or Hadoop's defaults without one. */
  private static org.apache.hadoop.conf.Configuration hadoopConfiguration() {
    return SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration()
        : new org.apache.hadoop.conf.Configuration();
  }

  /** What each round of the fit did (empty for a loaded model: the history is not saved). */
  public List<RoundSummary> rounds() {
    return rounds;
  }

  /**
   * How the net was trained (optimizer and its settings, batch size, steps, seed, backend, the
   * training rows' digest, start time), as the fit recorded it and {@code write().save(path)}
   * writes it into {@code nabla/model.npz}, where {@code nabla info} shows it; a loaded model has
   * the record its file holds. Empty for a file saved without one, or a model that went through
   * Java serialization.
   */
  public Optional<TrainingRecord> trainingRecord() {
    return Optional.ofNullable(training);
  }

  @Override
  public int numFeatures() {
    return weights.inputSize();
  }

  @Override
  public int numClasses() {
    return weights.classes();
  }

  /** Sets {@link #backend()}, the backend scoring computes with. */
  public NablaClassificationModel setBackend(String value) {
    set(backend(), value);
    return this;
  }

  /** The class scores of one row (the net's output before softmax). */
  @Override
  public Vector predictRaw(Vector features) {
    if (features.size() != numFeatures()) {
      throw new NablaDataException("features vector has " + features.size() + " values; the net takes "
          + numFeatures());
    }
    if (nets == null) {
      synchronized (this) {
        if (nets == null) {
          nets = ThreadLocal.withInitial(this::net);
        }
      }
    }
    Net net = nets.get();
    RowBuffer row = new RowBuffer(weights.dtype(), numFeatures());
    row.newRow();
    double[] values = features.toArray();
    for (int i = 0; i < values.length; i++) {
      row.put(i, values[i]);
    }
    Tensor scores = net.scores(weights.samples(row.toTensor(net.parameters().get(0).value().backend())));
    return new DenseVector(scores.toDoubleArray());
  }

  /** Softmax of the raw scores, in place. */
  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] values = ((DenseVector) rawPrediction).values();
    Scores.softmax(values.clone(), values);
    return rawPrediction;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    FeatureColumn.of(schema, getFeaturesCol());
    return outputColumns().appendTo(schema);
  }

  /**
   * The rows of {@code dataset} with the output columns appended, scored a batch at a time.
   *
   * @throws NablaDataException if the features column is missing or of a type Nabla does not
   *     read, or an output column already exists (a bad value shows when the result is computed)
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    OutputColumns columns = outputColumns();
    Dataset<Row> rows = dataset.toDF();
    if (columns.none()) {
      return rows;
    }
    if (isDefined(thresholds()) && getThresholds().length != numClasses()) {
      throw new IllegalArgumentException("thresholds has " + getThresholds().length + " values but the model has "
          + numClasses() + " classes");
    }
    int featuresIndex = Arrays.asList(dataset.schema().fieldNames()).indexOf(getFeaturesCol());
    ScoringTask task = new ScoringTask(weights, getBackend(), FeatureColumn.of(dataset.schema(), getFeaturesCol()),
        featuresIndex, getFeaturesCol(), columns, isDefined(thresholds()) ? getThresholds() : null);
    return rows.mapPartitions(task, Encoders.row(out));
  }

  private OutputColumns outputColumns() {
    return new OutputColumns(getRawPredictionCol(), getProbabilityCol(), getPredictionCol());
  }

  @Override
  public NablaClassificationModel copy(ParamMap extra) {
    NablaClassificationModel copy = new NablaClassificationModel(uid(), weights, rounds, training);
    return copyValues(copy, extra).setParent(parent());
  }

  // Scala gives ProbabilisticClassificationModel and ClassificationModel covariant versions of this
  // method, which javac sees as a clash in a Java subclass; the raw override resolves it.
  @Override
  @SuppressWarnings("rawtypes")
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public MLWriter write() {
    return new NablaModelWriter(this);
  }

  /** The reader of a saved model, as Spark's {@code PipelineModel.load} calls it. */
  public static MLReader<NablaClassificationModel> read() {
    return new NablaModelReader();
  }

  /** Loads a model saved with {@code write().save(path)}. */
  public static NablaClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "NablaClassificationModel: uid=" + uid() + ", " + weights.describe();
  }
}
