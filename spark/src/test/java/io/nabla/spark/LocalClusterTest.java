package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.layer.Parameter;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.model.TrainingRecord;
import io.nabla.model.WeightInit;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training on real separate executor JVMs: Spark's {@code local-cluster[2,1,1024]} ({@link
 * LocalCluster}) starts two worker JVMs from this build's class path (no Spark distribution).
 * Their process ids differ from this one's, and they compute the same bits as {@code local[2]}
 * does in this JVM. Starting the cluster takes most of this class's time, so one serves every
 * test: besides fully connected nets, a convolutional net on real MNIST rows that learns and, in
 * sync mode, is the single-machine run; a net with dropout whose masks are the same in every fit
 * of a seed, wherever its tasks run; a net with batch normalization whose running statistics come
 * back from the executors; weight decay in the executors' steps; the conv model saved
 * and loaded as a Spark ML model.
 */
class LocalClusterTest {

  private static final Blobs DATA = Blobs.of(300, 6, 3, 17);
  private static final int[] LAYERS = {6, 8, 3};
  // One backend in the driver and every executor: the same kernels give the same bits.
  private static final String BACKEND = Backends.current().name();

  /** The blobs' 6 features read as images [1, 2, 3]: convolution and dropout without MNIST. */
  private static final int[] SMALL_IMAGE = {1, 2, 3};
  private static final String SMALL_CONV = "conv(4,2) relu affine(3)";
  private static final String SMALL_CONV_WITH_DROPOUT = "conv(4,2) relu dropout(0.5) affine(3)";
  private static final String SMALL_CONV_WITH_BATCHNORM = "conv(4,2) batchnorm relu affine(3)";

  private static final String CONV = "conv(4,5) relu maxpool(2) affine(10)";
  private static final int[] IMAGE = {1, 28, 28};
  private static final int STEPS = 12;
  private static final int BATCH = 100;
  private static final double RATE = 0.01;
  private static final long SEED = 7;

  private static Net localSync;
  private static Net localSteps;
  private static final Map<TrainingMode, Net> DROPOUT_IN_THIS_JVM = new EnumMap<>(TrainingMode.class);
  private static final Map<TrainingMode, Net> BATCHNORM_IN_THIS_JVM = new EnumMap<>(TrainingMode.class);
  private static LocalCluster cluster;
  private static Blobs train;
  private static NablaClassificationModel conv;

  @TempDir Path dir;

  private static Net fit(SparkSession spark, TrainingMode mode) {
    return DistributedTrainer.builder(LAYERS).mode(mode).optimizer(OptimizerKind.MOMENTUM).batchSize(40)
        .maxIter(mode == TrainingMode.SYNC_GRADIENT ? 10 : 3).localSteps(2).dtype(DType.FLOAT64)
        .backend(BACKEND).build()
        .fit(DATA.dataset(spark, 2), "features", "label").net();
  }

  /** Two rounds of two local steps, or four sync steps, of {@code net} on the blobs as images. */
  private static Net smallConvFit(SparkSession spark, TrainingMode mode, String net) {
    return DistributedTrainer.builder(net, SMALL_IMAGE).mode(mode).optimizer(OptimizerKind.SGD).stepSize(0.5)
        .batchSize(40).localSteps(2).maxIter(mode == TrainingMode.SYNC_GRADIENT ? 4 : 2).seed(SEED).backend(BACKEND)
        .build().fit(DATA.dataset(spark, 2), "features", "label").net();
  }

  @BeforeAll
  static void fitInThisJvmThenStartTheCluster() throws Exception {
    localSync = fit(LocalSpark.session(), TrainingMode.SYNC_GRADIENT);
    localSteps = fit(LocalSpark.session(), TrainingMode.LOCAL_STEPS);
    for (TrainingMode mode : TrainingMode.values()) {
      DROPOUT_IN_THIS_JVM.put(mode, smallConvFit(LocalSpark.session(), mode, SMALL_CONV_WITH_DROPOUT));
      BATCHNORM_IN_THIS_JVM.put(mode, smallConvFit(LocalSpark.session(), mode, SMALL_CONV_WITH_BATCHNORM));
    }
    cluster = LocalCluster.start("nabla-local-cluster");
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static SparkSession spark() {
    return cluster.spark();
  }

  @Test
  void separateExecutorJvmsTrainTheSameBitsAsLocalMode() {
    List<Long> executors = cluster.executors();
    long driver = ProcessHandle.current().pid();
    assertEquals(2, executors.size(), "two executor JVMs: " + executors);
    assertFalse(executors.contains(driver), "executors " + executors + " run outside the driver " + driver);

    Net clusterSync = fit(spark(), TrainingMode.SYNC_GRADIENT);
    assertTrue(SingleMachine.sameBits(localSync, clusterSync),
        "sync mode differs by " + SingleMachine.maxDifference(localSync, clusterSync));
    Net clusterSteps = fit(spark(), TrainingMode.LOCAL_STEPS);
    assertTrue(SingleMachine.sameBits(localSteps, clusterSteps),
        "local mode differs by " + SingleMachine.maxDifference(localSteps, clusterSteps));
  }

  /** The conv net in sync mode: He's weights, Adam, float64 (two partitions then stay within 1e-12). */
  private static NablaClassifier convClassifier() {
    return new NablaClassifier().setNet(CONV).setInputShape(IMAGE).setWeightInit("he").setOptimizer("adam")
        .setStepSize(RATE).setMode("sync").setBatchSize(BATCH).setMaxIter(STEPS).setSeed(SEED).setDtype("float64")
        .setBackend(BACKEND);
  }

  /** The conv net fitted on 1000 MNIST rows in two partitions, once (MNIST missing: the caller is skipped). */
  private static synchronized NablaClassificationModel convModel() {
    if (conv == null) {
      train = MnistRows.train(1000);
      conv = convClassifier().fit(train.dataset(spark(), 2));
    }
    return conv;
  }

  @Test
  void aConvNetLearnsOnSeparateExecutorsAndIsTheSingleMachineRun() {
    NablaClassificationModel model = convModel();
    Backend backend = Backends.get(BACKEND);
    Net reference = SingleMachine.train(
        Net.builder(CONV, IMAGE).weightInit(WeightInit.he()).seed(SEED).dtype(DType.FLOAT64).backend(backend).build(),
        train.labeled(backend, DType.FLOAT64), OptimizerKind.ADAM, RATE, BATCH, STEPS, SEED);
    // Each step's gradient is the two partitions' sums added: a grouping of the same float64 terms
    // that rounds differently from one sum over the batch (one partition gives the same bits:
    // SyncGradientEquivalenceTest). 12 Adam steps keep the difference within 1e-12.
    double difference = SingleMachine.maxDifference(reference, model.net());
    assertTrue(difference <= 1e-12, "differs from single-machine training by " + difference);

    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(model.transform(MnistRows.test(500).dataset(spark(), 2)));
    // 0.73 with the simd backend.
    assertTrue(accuracy > 0.6, "12 steps on 1000 MNIST rows classify unseen digits far above chance (0.1): "
        + accuracy);

    Net net = model.net();
    assertFalse(net instanceof FeedForwardNet);
    assertEquals(CONV, net.architecture().text());
    assertEquals(List.of(1, 28, 28), net.inputShape());
    assertEquals(784, model.numFeatures());
    assertEquals(10, model.numClasses());
    assertEquals(CONV, model.getNet(), "the model carries the classifier's params");
    assertArrayEquals(IMAGE, model.getInputShape());
    TrainingRecord record = model.trainingRecord().orElseThrow();
    assertEquals("he", record.weightInit());
    assertEquals(0.0, record.weightDecay());
    assertEquals(STEPS, record.iterations());
  }

  @Test
  void theConvModelSavesAndLoadsAsASparkModelAndScoresTheSame() throws Exception {
    NablaClassificationModel model = convModel();
    String path = dir.resolve("conv").toString();
    model.write().save(path);
    NablaClassificationModel loaded = NablaClassificationModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals(CONV, loaded.getNet());
    assertArrayEquals(IMAGE, loaded.getInputShape());
    assertEquals(CONV, loaded.net().architecture().text());
    assertEquals(List.of(1, 28, 28), loaded.net().inputShape());
    assertTrue(SingleMachine.sameBits(model.net(), loaded.net()), "the saved parameters come back");
    assertEquals(model.trainingRecord(), loaded.trainingRecord());

    Blobs digits = MnistRows.test(200);
    Dataset<Row> rows = digits.dataset(spark(), 2);
    List<Row> before = model.transform(rows).select("rawPrediction", "prediction").collectAsList();
    List<Row> after = loaded.transform(rows).select("rawPrediction", "prediction").collectAsList();
    assertEquals(before, after, "the loaded model scores every row as the fitted one did");
    // Both score as the net does on the driver, each row's 784 pixels read as a 1x28x28 image; the
    // executors score in batches of other sizes, which may round differently.
    Net net = loaded.net();
    double[] scores = net.scores(Tensors.matrix(net.parameters().get(0).value().backend(), DType.FLOAT64,
        digits.features())).toDoubleArray();
    for (int i = 0; i < after.size(); i++) {
      assertArrayEquals(Arrays.copyOfRange(scores, 10 * i, 10 * i + 10), ((Vector) after.get(i).get(0)).toArray(),
          1e-12, "row " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(TrainingMode.class)
  void aNetWithDropoutFitsToTheSameBitsWhereverItsTasksRun(TrainingMode mode) {
    // Two fits of one seed, one by threads of this JVM, one by the executors: the masks depend on
    // the seed, the partition and the round alone, so a task run again anywhere draws the same ones.
    Net first = smallConvFit(spark(), mode, SMALL_CONV_WITH_DROPOUT);
    Net inThisJvm = DROPOUT_IN_THIS_JVM.get(mode);
    assertTrue(SingleMachine.sameBits(inThisJvm, first),
        mode + ": the same seed draws the same masks; differs by " + SingleMachine.maxDifference(inThisJvm, first));
    // The same net without dropout starts from the same weights (dropout has none) and sees the same
    // batches: only the masks can make the two differ.
    Net withoutDropout = smallConvFit(spark(), mode, SMALL_CONV);
    assertNotEquals(0.0, SingleMachine.maxDifference(first, withoutDropout),
        mode + ": the executors drop units in training");
  }

  @ParameterizedTest
  @EnumSource(TrainingMode.class)
  void aNetWithBatchNormCarriesItsRunningStatisticsBackFromTheExecutors(TrainingMode mode) {
    Net onExecutors = smallConvFit(spark(), mode, SMALL_CONV_WITH_BATCHNORM);
    Net inThisJvm = BATCHNORM_IN_THIS_JVM.get(mode);
    // Parameters and buffers: the running statistics the executors' passes moved came back and
    // were averaged as in this JVM's tasks (BatchNormFitTest compares those with single-machine runs).
    assertEquals(2, onExecutors.buffers().size());
    assertTrue(SingleMachine.sameBits(inThisJvm, onExecutors),
        mode + ": differs by " + SingleMachine.maxDifference(inThisJvm, onExecutors));
    for (Tensor buffer : onExecutors.buffers().values()) {
      double[] values = buffer.toDoubleArray();
      assertFalse(Arrays.stream(values).allMatch(v -> v == 0.0 || v == 1.0), mode + ": unmoved " + Arrays.toString(values));
    }
  }

  /**
   * The book's DeepConvNet by its preset's name, fitted on separate executors (He weights, dropout
   * drawn there): a few steps that move every weight, and a model that scores.
   */
  @Test
  void theBooksDeepConvNetFitsByNameOnSeparateExecutors() {
    NablaClassificationModel model = new NablaClassifier().setNet("deep-conv").setInputShape(IMAGE)
        .setOptimizer("adam").setStepSize(0.001).setBatchSize(50).setMaxIter(1).setSeed(SEED).setBackend(BACKEND)
        .fit(MnistRows.train(400).dataset(spark(), 2));
    assertEquals(Preset.DEEP_CONV.architecture().text(), model.net().architecture().text());
    assertEquals("he", model.trainingRecord().orElseThrow().weightInit());
    Net initial = Net.builder(Preset.DEEP_CONV.architecture(), IMAGE).weightInit(WeightInit.he()).seed(SEED)
        .backend(Backends.get(BACKEND)).build();
    for (Parameter p : initial.parameters()) {
      if (p.value().rank() >= 2) {
        assertFalse(Arrays.equals(p.value().toDoubleArray(),
            model.net().parametersByName().get(p.name()).value().toDoubleArray()), p.name() + " moved");
      }
    }
    List<Row> scored = model.transform(MnistRows.test(100).dataset(spark(), 2)).select("prediction").collectAsList();
    assertEquals(100, scored.size());
  }

  @Test
  void weightDecayReachesTheExecutorsAndTheRecord() {
    Dataset<Row> data = DATA.dataset(spark(), 2);
    double rate = 0.1;
    double lambda = 0.5;
    // One SGD step in sync mode from the same weights W0 on the same batch: decay adds lambda * W0 to
    // each weight's gradient (not to a bias's), so the decayed weights are the others minus rate * lambda * W0.
    NablaClassifier oneStep = new NablaClassifier().setNet(SMALL_CONV).setInputShape(SMALL_IMAGE).setMode("sync")
        .setStepSize(rate).setBatchSize(100).setMaxIter(1).setSeed(SEED).setWeightInit("normal(0.5)")
        .setDtype("float64").setBackend(BACKEND);
    NablaClassificationModel plain = oneStep.fit(data);
    NablaClassificationModel decayed = oneStep.copy(new ParamMap()).setWeightDecay(lambda).fit(data);
    Net initial = Net.builder(SMALL_CONV, SMALL_IMAGE).weightInit(WeightInit.normal(0.5)).seed(SEED)
        .dtype(DType.FLOAT64).backend(Backends.get(BACKEND)).build();
    Net plainNet = plain.net();
    Net decayedNet = decayed.net();
    for (Parameter w0 : initial.parameters()) {
      double[] start = w0.value().toDoubleArray();
      double[] without = plainNet.parametersByName().get(w0.name()).value().toDoubleArray();
      double[] with = decayedNet.parametersByName().get(w0.name()).value().toDoubleArray();
      boolean weight = w0.value().rank() >= 2;
      double[] expected = new double[start.length];
      for (int i = 0; i < start.length; i++) {
        expected[i] = without[i] - (weight ? rate * lambda * start[i] : 0);
      }
      assertArrayEquals(expected, with, 1e-12, w0.name());
    }
    assertEquals(lambda, decayed.trainingRecord().orElseThrow().weightDecay());
    assertEquals(0.0, plain.trainingRecord().orElseThrow().weightDecay());

    // Local mode: the executors' own steps decay too, so a large decay leaves smaller weights.
    NablaClassifier local = new NablaClassifier().setNet(SMALL_CONV).setInputShape(SMALL_IMAGE).setStepSize(rate)
        .setBatchSize(40).setLocalSteps(3).setMaxIter(2).setSeed(SEED).setWeightInit("normal(0.5)")
        .setBackend(BACKEND);
    double free = squaredWeights(local.fit(data).net());
    double shrunk = squaredWeights(local.copy(new ParamMap()).setWeightDecay(1.0).fit(data).net());
    // Six steps that each scale the weights by 1 - rate * lambda = 0.9 before the data's pull.
    assertTrue(shrunk < 0.7 * free, "decay 1 shrinks the weights: " + shrunk + " against " + free);
  }

  /** The sum of the weights' squares (biases excepted). */
  private static double squaredWeights(Net net) {
    double sum = 0;
    for (Parameter p : net.parameters()) {
      if (p.value().rank() >= 2) {
        for (double v : p.value().toDoubleArray()) {
          sum += v * v;
        }
      }
    }
    return sum;
  }
}
