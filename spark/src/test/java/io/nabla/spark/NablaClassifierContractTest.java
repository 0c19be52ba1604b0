package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API contract of the classifier as Spark ML users rely on it: every param with its
 * setter, getter and default; copy; save and load keeping the uid and every param.
 */
class NablaClassifierContractTest {

  @TempDir Path dir;

  private static final Set<String> NABLA_PARAMS = Set.of("layers", "activation", "optimizer", "stepSize",
      "batchSize", "maxIter", "localSteps", "seed", "backend", "dtype", "mode", "scaleStepSize",
      "validationIndicatorCol");

  private static NablaClassifier everyParamSet() {
    return new NablaClassifier().setLayers(new int[] {6, 9, 4, 3}).setActivation("relu").setOptimizer("adam")
        .setStepSize(0.01).setBatchSize(32).setMaxIter(7).setLocalSteps(3).setSeed(5).setBackend("pure")
        .setDtype("float64").setMode("sync").setScaleStepSize(true).setValidationIndicatorCol("held_out")
        .setFeaturesCol("f").setLabelCol("y").setPredictionCol("p").setProbabilityCol("prob")
        .setRawPredictionCol("raw");
  }

  @Test
  void sparkFindsEveryParamAndTheDefaultsAreTheChapters() {
    NablaClassifier c = new NablaClassifier();
    Set<String> names = Arrays.stream(c.params()).map(Param::name).collect(Collectors.toSet());
    assertTrue(names.containsAll(NABLA_PARAMS), "missing: " + NABLA_PARAMS.stream()
        .filter(n -> !names.contains(n)).toList());
    assertTrue(names.containsAll(List.of("featuresCol", "labelCol", "predictionCol", "probabilityCol",
        "rawPredictionCol")));
    for (Param<?> p : c.params()) {
      assertEquals(c.uid(), p.parent(), p.name() + " belongs to its classifier");
    }
    assertEquals("sigmoid", c.getActivation());
    assertEquals("sgd", c.getOptimizer());
    assertEquals(0.1, c.getStepSize());
    assertEquals(100, c.getBatchSize());
    assertEquals(20, c.getMaxIter());
    assertEquals(0, c.getLocalSteps());
    assertEquals(42, c.getSeed());
    assertEquals("auto", c.getBackend());
    assertEquals("float32", c.getDtype());
    assertEquals("local", c.getMode());
    assertFalse(c.getScaleStepSize());
    assertFalse(c.isDefined(c.layers()), "layers has no default");
    assertTrue(c.explainParams().contains("layers: layer sizes"), c.explainParams());
  }

  @Test
  void everySetterSetsWhatItsGetterReturns() {
    NablaClassifier c = everyParamSet();
    assertArrayEquals(new int[] {6, 9, 4, 3}, c.getLayers());
    assertEquals("relu", c.getActivation());
    assertEquals("adam", c.getOptimizer());
    assertEquals(0.01, c.getStepSize());
    assertEquals(32, c.getBatchSize());
    assertEquals(7, c.getMaxIter());
    assertEquals(3, c.getLocalSteps());
    assertEquals(5, c.getSeed());
    assertEquals("pure", c.getBackend());
    assertEquals("float64", c.getDtype());
    assertEquals("sync", c.getMode());
    assertTrue(c.getScaleStepSize());
    assertEquals("held_out", c.getValidationIndicatorCol());
    assertEquals("f", c.getFeaturesCol());
    assertEquals("y", c.getLabelCol());
    assertEquals("p", c.getPredictionCol());
    assertEquals("prob", c.getProbabilityCol());
    assertEquals("raw", c.getRawPredictionCol());
  }

  @Test
  void badValuesAreRejectedNamingTheParam() {
    NablaClassifier c = new NablaClassifier();
    java.util.Map<String, Runnable> bad = new java.util.LinkedHashMap<>();
    bad.put("batchSize", () -> c.setBatchSize(0));
    bad.put("stepSize", () -> c.setStepSize(-1));
    bad.put("maxIter", () -> c.setMaxIter(0));
    bad.put("localSteps", () -> c.setLocalSteps(-2));
    bad.put("activation", () -> c.setActivation("swish"));
    bad.put("optimizer", () -> c.setOptimizer("rmsprop"));
    bad.put("dtype", () -> c.setDtype("float16"));
    bad.put("mode", () -> c.setMode("async"));
    bad.put("layers", () -> c.setLayers(new int[] {784}));
    bad.put("backend", () -> c.setBackend(" "));
    bad.forEach((param, set) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, set::run, param);
      assertTrue(e.getMessage().contains("parameter " + param + " given invalid value"), e.getMessage());
    });
    assertThrows(IllegalArgumentException.class, () -> c.setLayers(new int[] {784, 0, 10}));
    IllegalArgumentException noLayers = assertThrows(IllegalArgumentException.class,
        () -> c.fit(Blobs.of(20, 6, 3, 1).dataset(LocalSpark.session(), 1)));
    assertTrue(noLayers.getMessage().contains("set layers"), noLayers.getMessage());
  }

  @Test
  void copyKeepsTheUidAndEveryParamAndTakesTheExtraOnes() {
    NablaClassifier c = everyParamSet();
    NablaClassifier copy = c.copy(ParamMap.empty());
    assertEquals(c.uid(), copy.uid());
    assertSameParams(c, copy);
    NablaClassifier changed = c.copy(new ParamMap().put(c.maxIter().w(11)));
    assertEquals(11, changed.getMaxIter());
    assertEquals(7, c.getMaxIter(), "copy leaves the original alone");
  }

  @Test
  void saveAndLoadKeepTheUidAndEveryParam() throws Exception {
    LocalSpark.session();
    NablaClassifier c = everyParamSet();
    String path = dir.resolve("classifier").toString();
    c.write().save(path);
    NablaClassifier loaded = NablaClassifier.load(path);
    assertEquals(c.uid(), loaded.uid());
    assertSameParams(c, loaded);
  }

  /** Every param of {@code a} has the same value in {@code b}, and is set there exactly when it is in {@code a}. */
  static void assertSameParams(org.apache.spark.ml.param.Params a, org.apache.spark.ml.param.Params b) {
    assertEquals(a.params().length, b.params().length);
    for (Param<?> p : a.params()) {
      Param<?> q = b.getParam(p.name());
      assertEquals(a.isDefined(p), b.isDefined(q), p.name() + " defined");
      assertEquals(a.isSet(p), b.isSet(q), p.name() + " set or default");
      if (!a.isDefined(p)) {
        continue;
      }
      Object expected = a.getOrDefault(p);
      Object actual = b.getOrDefault(q);
      if (expected instanceof int[] x) {
        assertArrayEquals(x, (int[]) actual, p.name());
      } else if (expected instanceof double[] x) {
        assertArrayEquals(x, (double[]) actual, p.name());
      } else {
        assertEquals(expected, actual, p.name());
      }
    }
  }

  @Test
  void theModelHasTheClassifiersParamsAndKeepsThemThroughCopySaveAndLoad() throws Exception {
    Blobs blobs = Blobs.of(120, 6, 3, 2);
    NablaClassifier c = new NablaClassifier().setLayers(new int[] {6, 5, 3}).setMaxIter(2).setBatchSize(20)
        .setSeed(9).setPredictionCol("p");
    NablaClassificationModel model = c.fit(blobs.dataset(LocalSpark.session(), 2));
    assertEquals(c.uid(), model.uid());
    assertEquals(c, model.parent());
    assertEquals(9, model.getSeed());
    assertEquals("p", model.getPredictionCol());
    assertEquals(6, model.numFeatures());
    assertEquals(3, model.numClasses());
    assertEquals(2, model.rounds().size());
    NablaClassificationModel copy = model.copy(new ParamMap().put(model.predictionCol().w("q")));
    assertEquals("q", copy.getPredictionCol());
    assertEquals(model.uid(), copy.uid());
    String path = dir.resolve("model").toString();
    model.write().save(path);
    NablaClassificationModel loaded = NablaClassificationModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertSameParams(model, loaded);
    assertTrue(SingleMachine.sameBits(model.net(), loaded.net()), "the weights come back bit for bit");
    if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // Another account (a serving process) can read the net as it can any file this user writes,
      // not only its owner as a temporary file's 0600 would allow. (Hadoop applies its own umask
      // setting, so the net may be readable where an ordinary file is not; never the reverse.)
      var ordinary = java.nio.file.Files.getPosixFilePermissions(java.nio.file.Files.createFile(dir.resolve("plain")));
      var saved = java.nio.file.Files.getPosixFilePermissions(dir.resolve("model").resolve(NablaModelWriter.MODEL_FILE));
      for (var read : java.util.List.of(java.nio.file.attribute.PosixFilePermission.GROUP_READ,
          java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
        assertTrue(!ordinary.contains(read) || saved.contains(read), "the saved net is " + saved + ", a new file " + ordinary);
      }
    }
    java.io.IOException exists = assertThrows(java.io.IOException.class, () -> model.save(path));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    model.write().overwrite().save(path);
  }
}
