package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.layer.Parameter;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.ModelFile;
import io.nabla.model.Net;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Spark model of a net that is not fully connected (a residual block) saves, loads through
 * Spark's reader and scores every row as the net itself does on the driver; and a Spark model
 * directory whose {@code nabla/model.npz} is any {@link ModelFile} (what {@code nabla train --net}
 * writes) scores with that file's net.
 */
class GeneralNetModelTest {

  private static final String ARCHITECTURE = "affine(16) relu residual(affine(16) relu) affine(3)";
  private static final Blobs DATA = Blobs.of(300, 6, 3, 11);
  // One backend for the driver's net and the tasks' nets: the same kernels give the same bits.
  private static final String BACKEND = "pure";

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    LocalSpark.session(); // MLWriter and MLReader take the active session
  }

  private static Net residualNet(long seed, DType dtype) {
    return Net.builder(ARCHITECTURE, 6).seed(seed).weightInitStd(0.3).dtype(dtype).backend(Backends.get(BACKEND))
        .build();
  }

  /** The rows' features as one matrix of the net's dtype, on its backend. */
  private static Tensor features(Net net) {
    return Tensors.matrix(net.parameters().get(0).value().backend(), net.dtype(), DATA.features());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void aResidualNetSavedAsASparkModelLoadsAndScoresEveryRowAsTheNetDoes(DType dtype) throws Exception {
    Net net = residualNet(3, dtype);
    assertFalse(net instanceof FeedForwardNet, "the test is of a net that is not fully connected");
    String path = dir.resolve("model").toString();
    NablaClassificationModel.of(net).setBackend(BACKEND).write().save(path);

    NablaClassificationModel loaded = NablaClassificationModel.load(path);
    assertEquals(6, loaded.numFeatures());
    assertEquals(3, loaded.numClasses());
    assertEquals(BACKEND, loaded.getBackend(), "params travel through Spark's metadata");
    assertEquals(dtype.label(), loaded.getDtype());
    assertTrue(loaded.toString().contains("net=" + ARCHITECTURE + ", input_shape=[6], dtype=" + dtype.label()),
        loaded.toString());
    Net back = loaded.net();
    assertEquals(ARCHITECTURE, back.architecture().text());
    assertEquals(List.of(6), back.inputShape());
    assertSameParameters(net, back);

    List<Row> rows = loaded.transform(DATA.dataset(LocalSpark.session(), 3))
        .select("features", "rawPrediction", "probability", "prediction").collectAsList();
    Tensor x = features(net);
    double[] scores = net.scores(x).toDoubleArray();
    double[] predicted = net.predict(x).toDoubleArray();
    assertEquals(DATA.labels().length, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      assertArrayEquals(DATA.features()[i], ((Vector) row.get(0)).toArray(), 0.0, "rows come back in order");
      double[] netScores = java.util.Arrays.copyOfRange(scores, 3 * i, 3 * i + 3);
      double[] netProbability = java.util.Arrays.copyOfRange(predicted, 3 * i, 3 * i + 3);
      double[] raw = ((Vector) row.get(1)).toArray();
      double[] probability = ((Vector) row.get(2)).toArray();
      assertArrayEquals(netScores, raw, 0.0, "row " + i + ": rawPrediction is net.scores, bit for bit");
      // Spark's probability is the softmax of those scores in double precision (computed here anew);
      // net.predict's softmax kernel works in the net's dtype and its own order of operations, so
      // the two agree to float32 rounding, or to an ulp or so in float64, not bit for bit.
      double max = Math.max(netScores[0], Math.max(netScores[1], netScores[2]));
      double sum = 0;
      double[] softmax = new double[3];
      for (int k = 0; k < 3; k++) {
        softmax[k] = Math.exp(netScores[k] - max);
        sum += softmax[k];
      }
      for (int k = 0; k < 3; k++) {
        softmax[k] /= sum;
      }
      assertArrayEquals(softmax, probability, 1e-15, "row " + i + ": probability is the softmax of the scores");
      assertArrayEquals(netProbability, probability, dtype == DType.FLOAT32 ? 1e-6 : 1e-15,
          "row " + i + ": probability is net.predict to the net's precision");
      assertEquals(argmax(netProbability), (int) row.getDouble(3), "row " + i + ": prediction is net.predict's class");
      assertEquals(argmax(netScores), (int) row.getDouble(3), "row " + i + ": prediction is the highest score");
      if (i < 5) {
        assertEquals(row.getDouble(3), loaded.predict((Vector) row.get(0)),
            "row " + i + ": predict on one vector agrees with transform");
      }
    }
  }

  /**
   * A net with batch normalization, trained on the driver (its running statistics moved away from
   * their start), saves as a Spark model, loads and scores every row as the net does: the running
   * statistics travel with the weights, to the tasks and into the file.
   */
  @Test
  void aNetWithBatchNormScoresWithItsRunningStatisticsInTasksAndAfterLoading() throws Exception {
    Net net = Net.builder("affine(8) batchnorm relu affine(3)", 6).seed(4).weightInitStd(0.3).dtype(DType.FLOAT64)
        .backend(Backends.get(BACKEND)).build();
    Tensor x = features(net);
    io.nabla.loss.Targets t = io.nabla.loss.Targets.labels(DATA.labels());
    io.nabla.optimizer.Sgd sgd = new io.nabla.optimizer.Sgd(0.1);
    for (int step = 0; step < 3; step++) {
      net.gradient(x, t);
      sgd.step(net.parameters());
    }
    assertTrue(net.buffers().get("running_mean2").getFlat(0) != 0, "training moved the running mean");
    String path = dir.resolve("bn").toString();
    NablaClassificationModel model = NablaClassificationModel.of(net).setBackend(BACKEND);
    model.write().save(path);
    NablaClassificationModel loaded = NablaClassificationModel.load(path);
    for (String name : List.of("running_mean2", "running_var2")) {
      assertArrayEquals(net.buffers().get(name).toDoubleArray(), loaded.net().buffers().get(name).toDoubleArray(),
          0.0, name);
    }
    double[] scores = net.scores(x).toDoubleArray();
    for (NablaClassificationModel m : List.of(model, loaded)) {
      List<Row> rows = m.transform(DATA.dataset(LocalSpark.session(), 2)).select("rawPrediction").collectAsList();
      for (int i = 0; i < rows.size(); i++) {
        assertArrayEquals(java.util.Arrays.copyOfRange(scores, 3 * i, 3 * i + 3), ((Vector) rows.get(i).get(0)).toArray(),
            0.0, "row " + i + ": scored in a task with the net's running statistics");
      }
    }
  }

  /**
   * A Spark model writes itself as ONNX: the file reads back (by Nabla's importer, checked
   * against ONNX Runtime in the onnx module) as the same net, with the same scores for every row.
   */
  @Test
  void aSparkModelWritesAnOnnxFileThatScoresEveryRowAsTheModelDoes() throws Exception {
    Net net = residualNet(8, DType.FLOAT32);
    NablaClassificationModel model = NablaClassificationModel.of(net).setBackend(BACKEND);
    String path = dir.resolve("served/model.onnx").toString();
    java.nio.file.Files.createDirectories(dir.resolve("served"));
    model.writeOnnx(path);
    Net back = io.nabla.onnx.OnnxImport.load(java.nio.file.Paths.get(path), Backends.get(BACKEND)).net();
    assertEquals(net.architecture(), back.architecture());
    assertSameParameters(net, back);
    Tensor x = features(net);
    assertArrayEquals(net.scores(x).toDoubleArray(), back.scores(x).toDoubleArray(), 0.0);
    try (var listing = java.nio.file.Files.list(dir.resolve("served"))) {
      // Hadoop's local file system writes a .crc beside each file; the temporary must be gone.
      assertEquals(List.of(), listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
          "no temporary left");
    }
  }

  @Test
  void aModelFileOfAnyNetInASparkModelDirectoryIsWhatTheReaderLoads() throws Exception {
    String path = dir.resolve("model").toString();
    NablaClassificationModel.of(residualNet(3, DType.FLOAT32)).setBackend(BACKEND).write().save(path);
    // Replace the net as someone copying a `nabla train --net` model.npz into the directory would;
    // Hadoop's checksum of the old file goes with it.
    Net other = residualNet(4, DType.FLOAT32);
    Path npz = Path.of(path, NablaModelWriter.MODEL_FILE);
    ModelFile.save(npz, other);
    Files.deleteIfExists(npz.resolveSibling("." + npz.getFileName() + ".crc"));

    NablaClassificationModel loaded = NablaClassificationModel.load(path);
    assertSameParameters(other, loaded.net());
    List<Row> rows = loaded.transform(DATA.dataset(LocalSpark.session(), 2)).select("rawPrediction").collectAsList();
    double[] scores = other.scores(features(other)).toDoubleArray();
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(java.util.Arrays.copyOfRange(scores, 3 * i, 3 * i + 3), ((Vector) rows.get(i).get(0)).toArray(),
          0.0, "row " + i);
    }
  }

  @Test
  void theWeightsOfAResidualNetSurviveJavaSerializationAsTasksReceiveThem() throws Exception {
    Net net = residualNet(3, DType.FLOAT64);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(NetWeights.of(net));
    }
    NetWeights back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (NetWeights) in.readObject();
    }
    assertEquals(ARCHITECTURE, back.architectureText());
    assertEquals(List.of(6), back.inputShape());
    assertEquals(DType.FLOAT64, back.dtype());
    Backend pure = Backends.get(BACKEND);
    Net rebuilt = back.net(pure);
    assertSameParameters(net, rebuilt);
    assertArrayEquals(net.scores(features(net)).toDoubleArray(), rebuilt.scores(features(rebuilt)).toDoubleArray(),
        0.0);
  }

  @Test
  void scoringAFeaturesVectorOfTheWrongLengthNamesColumnAndRow() {
    NablaClassificationModel model = NablaClassificationModel.of(residualNet(3, DType.FLOAT32)).setBackend(BACKEND);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(RowFactory.create(i == 3 ? Vectors.dense(1, 2, 3, 4, 5) : Vectors.dense(DATA.features()[i]), 0.0));
    }
    SparkSession spark = LocalSpark.session();
    Dataset<Row> data = spark.createDataFrame(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
        Blobs.VECTOR_SCHEMA);
    Exception e = assertThrows(Exception.class, () -> model.transform(data).collectAsList());
    assertTrue(e.getMessage().contains("features column 'features', row 1 of partition 1 has 5 values; the net takes 6"),
        e.getMessage());
  }

  @Test
  void aFullyConnectedModelStillDescribesItselfByLayerSizesAndActivation() {
    Net mlp = Net.builder("affine(5) relu affine(3)", 6).backend(Backends.get(BACKEND)).build();
    NablaClassificationModel model = NablaClassificationModel.of(mlp);
    assertTrue(model.toString().endsWith("layers=[6, 5, 3], activation=relu, dtype=float32"), model.toString());
    assertArrayEquals(new int[] {6, 5, 3}, model.getLayers());
    assertEquals("relu", model.getActivation());
    FeedForwardNet back = assertInstanceOf(FeedForwardNet.class, model.net()); // a fully connected model's net
    assertEquals(List.of(6, 5, 3), back.layerSizes());
  }

  private static void assertSameParameters(Net expected, Net actual) {
    List<Parameter> a = expected.parameters();
    List<Parameter> b = actual.parameters();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).name(), b.get(i).name());
      assertEquals(a.get(i).value().dtype(), b.get(i).value().dtype());
      assertArrayEquals(a.get(i).value().shape(), b.get(i).value().shape());
      assertArrayEquals(a.get(i).value().toDoubleArray(), b.get(i).value().toDoubleArray(), 0.0, a.get(i).name());
    }
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[best]) {
        best = k;
      }
    }
    return best;
  }
}
