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
import io.nabla.model.Activation;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.model.TrainingRecord;
import io.nabla.model.WeightInit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings of a net given as text, {@code net}, {@code inputShape}, {@code weightInit} and
 * {@code weightDecay}, on both faces: their defaults; bad values refused by the builder and the
 * param, naming the setting; a net that does not fit its input shape refused on the driver before
 * any Spark job; a preset's weight initialization as the default; layer sizes as the same net
 * written as text; the training record holding the initialization and the decay.
 */
class NetSettingsTest {

  private static final int[] IMAGE = {1, 28, 28};

  @TempDir Path dir;

  @Test
  void theNewParamsDefaultToTheFullyConnectedNetOfLayersAsBefore() {
    NablaClassifier c = new NablaClassifier();
    assertEquals("", c.getNet());
    assertEquals("", c.getWeightInit());
    assertEquals(0.0, c.getWeightDecay());
    assertFalse(c.isDefined(c.inputShape()), "inputShape has no default");
    assertEquals("", FitSettings.NET.defaultValue());
    assertEquals(0.0, FitSettings.WEIGHT_DECAY.defaultValue());
    assertTrue(c.explainParams().contains("net: the net's layers as text"), c.explainParams());
    NablaClassifier set = c.setNet("simple-conv").setInputShape(IMAGE).setWeightInit("xavier").setWeightDecay(0.01);
    assertEquals("simple-conv", set.getNet());
    assertArrayEquals(IMAGE, set.getInputShape());
    assertEquals("xavier", set.getWeightInit());
    assertEquals(0.01, set.getWeightDecay());
  }

  @Test
  void aSavedClassifierKeepsTheNetParams() throws Exception {
    LocalSpark.session(); // DefaultParamsWriter takes the active session
    NablaClassifier c = new NablaClassifier().setNet("conv(4,5) relu maxpool(2) affine(10)").setInputShape(IMAGE)
        .setWeightInit("normal(0.05)").setWeightDecay(0.001);
    String path = dir.resolve("classifier").toString();
    c.write().save(path);
    NablaClassifierContractTest.assertSameParams(c, NablaClassifier.load(path));
  }

  @Test
  void theBuilderRefusesBadValuesNamingTheSetting() {
    Map<String, Executable> bad = new LinkedHashMap<>();
    bad.put("net is neither a preset (simple-conv, deep-conv) nor layers as text: net 'conv(30': expected ','",
        () -> DistributedTrainer.builder("conv(30", IMAGE));
    bad.put("net is empty", () -> DistributedTrainer.builder(" ", IMAGE));
    bad.put("net 'conv(4,5) affine(10)' cannot take samples of inputShape [784]: conv(4,5) takes images",
        () -> DistributedTrainer.builder("conv(4,5) affine(10)", 784));
    bad.put("net 'conv(4,50) affine(10)' cannot take samples of inputShape [1, 28, 28]: conv(4,50): its 50x50"
        + " window does not fit", () -> DistributedTrainer.builder("conv(4,50) affine(10)", IMAGE));
    bad.put("net 'conv(4,5) relu' on inputShape [1, 28, 28] gives each sample scores of shape [4, 24, 24]; a"
        + " classifier's net ends in a vector of class scores",
        () -> DistributedTrainer.builder("conv(4,5) relu", IMAGE));
    bad.put("inputShape must be at least one positive size, got []", () -> DistributedTrainer.builder("affine(10)"));
    bad.put("inputShape must be at least one positive size, got [1, 0, 28]",
        () -> DistributedTrainer.builder("simple-conv", 1, 0, 28));
    bad.put("weightDecay must be a finite number >= 0, got -1.0",
        () -> DistributedTrainer.builder("simple-conv", IMAGE).weightDecay(-1));
    bad.put("weightDecay must be a finite number >= 0, got NaN",
        () -> DistributedTrainer.builder("simple-conv", IMAGE).weightDecay(Double.NaN));
    bad.put("weightDecay must be a finite number >= 0, got Infinity",
        () -> DistributedTrainer.builder(6, 3).weightDecay(Double.POSITIVE_INFINITY));
    bad.forEach((message, call) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, message);
      assertTrue(e.getMessage().startsWith(message), "expected '" + message + "...', got: " + e.getMessage());
    });
    NullPointerException noInit = assertThrows(NullPointerException.class,
        () -> DistributedTrainer.builder(6, 3).weightInit(null));
    assertEquals("weightInit", noInit.getMessage());
    IllegalStateException activation = assertThrows(IllegalStateException.class,
        () -> DistributedTrainer.builder("simple-conv", IMAGE).activation(Activation.RELU));
    assertEquals("activation applies to a net given by layer sizes; net 'simple-conv' names its own activations",
        activation.getMessage());
    // The edges the rules allow: no decay, a vector input to a net of vectors, a preset in any case.
    DistributedTrainer.builder("affine(10)", 784).weightDecay(0).weightInit(WeightInit.normal(0));
    DistributedTrainer.builder(" Deep-Conv ", IMAGE);
  }

  @Test
  void theParamsRefuseBadValuesNamingTheParam() {
    NablaClassifier c = new NablaClassifier();
    expectParamError("net", () -> c.setNet("conv(30"));
    expectParamError("net", () -> c.setNet("simple_conv"));
    expectParamError("inputShape", () -> c.setInputShape(new int[0]));
    expectParamError("inputShape", () -> c.setInputShape(new int[] {1, -28, 28}));
    expectParamError("weightInit", () -> c.setWeightInit("gaussian"));
    expectParamError("weightInit", () -> c.setWeightInit("normal(-1)"));
    expectParamError("weightDecay", () -> c.setWeightDecay(-0.1));
    expectParamError("weightDecay", () -> c.setWeightDecay(Double.NaN));
    expectParamError("weightDecay", () -> c.setWeightDecay(Double.POSITIVE_INFINITY));
    // What the rules accept: empty (the defaults), presets, text, every weight init.
    c.setNet("").setNet("deep-conv").setNet("affine(50) relu dropout(0.5) affine(10)").setInputShape(new int[] {784})
        .setWeightInit("").setWeightInit("he").setWeightInit("XAVIER").setWeightInit("normal").setWeightDecay(0);
    assertEquals("affine(50) relu dropout(0.5) affine(10)", c.getNet());
  }

  private static void expectParamError(String param, Executable set) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, set, param);
    assertTrue(e.getMessage().contains("parameter " + param + " given invalid value"), e.getMessage());
  }

  @Test
  void aNetThatCannotTakeItsInputFailsOnTheDriverBeforeAnyJob() {
    Dataset<Row> data = Blobs.of(40, 6, 3, 2).dataset(LocalSpark.session(), 2);
    Map<String, NablaClassifier> bad = new LinkedHashMap<>();
    bad.put("net 'conv(2,3) affine(3)' cannot take samples of inputShape [6]: conv(2,3) takes images",
        new NablaClassifier().setNet("conv(2,3) affine(3)").setInputShape(new int[] {6}));
    bad.put("net 'conv(2,1) relu' on inputShape [1, 2, 3] gives each sample scores of shape [2, 2, 3]; a classifier's"
        + " net ends in a vector of class scores",
        new NablaClassifier().setNet("conv(2,1) relu").setInputShape(new int[] {1, 2, 3}));
    bad.put("net 'affine(3)' needs inputShape", new NablaClassifier().setNet("affine(3)"));
    bad.put("inputShape is set but net is not", new NablaClassifier().setInputShape(new int[] {6}));
    bad.put("net 'affine(3)' is set, and so is layers",
        new NablaClassifier().setNet("affine(3)").setInputShape(new int[] {6}).setLayers(new int[] {6, 3}));
    bad.put("net 'affine(3)' is set, and so is activation",
        new NablaClassifier().setNet("affine(3)").setInputShape(new int[] {6}).setActivation("relu"));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
    try {
      bad.forEach((message, classifier) -> {
        String group = "nabla-bad-net-" + Integer.toHexString(message.hashCode());
        sc.setJobGroup(group, message, false);
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class, () -> classifier.fit(data));
        assertTrue(fit.getMessage().contains(message), "expected '" + message + "', got: " + fit.getMessage());
        // Nor does a stage before it in a pipeline run: Pipeline.fit checks every stage's schema first.
        StringIndexer before = new StringIndexer().setInputCol("label").setOutputCol("indexed");
        classifier.setLabelCol("indexed");
        IllegalArgumentException pipeline = assertThrows(IllegalArgumentException.class,
            () -> new Pipeline().setStages(new PipelineStage[] {before, classifier}).fit(data));
        assertTrue(pipeline.getMessage().contains(message), pipeline.getMessage());
        assertEquals(0, sc.statusTracker().getJobIdsForGroup(group).length, message + ": no Spark job ran");
      });
    } finally {
      sc.clearJobGroup();
    }
  }

  @Test
  void aPresetsWeightInitIsTheDefaultAndLayerSizesAreTheSameNetAsText() {
    Backend pure = Backends.get("pure");
    NetSpec deep = DistributedTrainer.builder("deep-conv", IMAGE).seed(3).dtype(DType.FLOAT64).build().spec();
    assertEquals(Preset.DEEP_CONV.architecture().text(), deep.architecture());
    assertEquals("he", deep.weightInit(), "the book draws DeepConvNet's weights with He's rule");
    Net expected = Net.builder(Preset.DEEP_CONV.architecture(), IMAGE).weightInit(WeightInit.he()).seed(3)
        .dtype(DType.FLOAT64).backend(pure).build();
    assertTrue(SingleMachine.sameBits(expected, deep.initialNet(pure)), "the trainer starts from the preset's net");
    assertEquals("xavier",
        DistributedTrainer.builder("deep-conv", IMAGE).weightInit(WeightInit.xavier()).build().spec().weightInit(),
        "a given rule wins over the preset's");
    assertEquals("normal(0.01)", DistributedTrainer.builder("conv(4,5) relu maxpool(2) affine(10)", IMAGE).build()
        .spec().weightInit(), "text: the chapter's rule");

    // Layer sizes travel as their text, and the net is the one FeedForwardNet's builder makes, bit for bit.
    NetSpec mlp = DistributedTrainer.builder(6, 5, 3).activation(Activation.RELU).seed(9).build().spec();
    assertEquals("affine(5) relu affine(3)", mlp.architecture());
    assertArrayEquals(new int[] {6}, mlp.inputShape());
    assertEquals("normal(0.01)", mlp.weightInit());
    FeedForwardNet built = FeedForwardNet.builder(6, 5, 3).activation(Activation.RELU).seed(9).backend(pure).build();
    Net initial = mlp.initialNet(pure);
    assertInstanceOf(FeedForwardNet.class, initial);
    assertTrue(SingleMachine.sameBits(built, initial));
  }

  @Test
  void theRecordHoldsTheWeightInitAndTheDecay() {
    Dataset<Row> data = Blobs.of(40, 6, 3, 2).dataset(LocalSpark.session(), 2);
    TrainingRecord record = DistributedTrainer.builder("affine(5) relu affine(3)", 6).weightInit(WeightInit.xavier())
        .weightDecay(0.25).maxIter(1).build().fit(data, "features", "label").training();
    assertEquals("xavier", record.weightInit());
    assertEquals(0.25, record.weightDecay());
    NablaClassificationModel model = new NablaClassifier().setLayers(new int[] {6, 5, 3}).setWeightInit("normal(0.05)")
        .setWeightDecay(0.125).setMaxIter(1).fit(data);
    assertEquals("normal(0.05)", model.trainingRecord().orElseThrow().weightInit());
    assertEquals(0.125, model.trainingRecord().orElseThrow().weightDecay());
    assertEquals(0.125, model.getWeightDecay(), "the model carries the classifier's params");
  }
}
