package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backends;
import io.nabla.model.Activation;
import io.nabla.model.ModelFile;
import io.nabla.model.TrainingRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on Spark records how it was trained, as {@code nabla train}'s do: the record
 * travels with the fitted model, into its saved {@code nabla/model.npz} (where {@code
 * ModelFile.load}, {@code nabla info} and {@code nabla eval} read it) and back through loading.
 */
class SparkTrainingRecordTest {

  private static final Blobs DATA = Blobs.of(240, 6, 3, 4);

  @TempDir Path dir;

  @Test
  void aSavedModelCarriesItsTrainingRecordIntoItsModelFile() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    NablaClassificationModel model = new NablaClassifier().setLayers(new int[] {6, 5, 3}).setOptimizer("adam")
        .setStepSize(0.01).setBatchSize(20).setMaxIter(3).setSeed(9).setBackend("pure")
        .fit(DATA.dataset(LocalSpark.session(), 2));
    Instant after = Instant.now();
    String path = dir.resolve("model").toString();
    model.write().save(path);

    TrainingRecord saved = ModelFile.load(Path.of(path, "nabla", "model.npz"), Backends.get("pure"), Activation.RELU)
        .description().orElseThrow().training().orElseThrow(() -> new AssertionError("no training record"));
    assertEquals("adam", saved.optimizer().name());
    assertEquals(0.01, saved.optimizer().values().get("learning_rate"));
    assertEquals(20, saved.batchSize());
    // 2 partitions of 120 rows, batch 20: 6 steps a round, 3 rounds.
    assertEquals(18, saved.iterations());
    assertEquals(18, saved.iterationsDone());
    assertEquals(model.rounds().get(2).steps(), saved.iterations());
    assertTrue(saved.shuffledEpochs());
    assertEquals(9, saved.seed());
    assertEquals("pure", saved.backend());
    assertEquals("spark rows: 240 in 2 partitions, features column 'features', label column 'label'",
        saved.dataset());
    assertEquals(1, saved.datasetSha256().size());
    assertTrue(saved.datasetSha256().get(FitTrainingRecord.ROWS_DIGEST).matches("[0-9a-f]{64}"),
        saved.datasetSha256().toString());
    assertEquals(TrainingRecord.currentJdk(), saved.jdk());
    assertTrue(!saved.started().isBefore(before) && !saved.started().isAfter(after),
        saved.started() + " within [" + before + ", " + after + "]");

    assertEquals(model.trainingRecord().orElseThrow(), saved, "the file holds the fitted model's record");
    NablaClassificationModel loaded = NablaClassificationModel.load(path);
    assertEquals(saved, loaded.trainingRecord().orElseThrow(), "loading keeps it");
    assertEquals(saved, loaded.copy(new org.apache.spark.ml.param.ParamMap()).trainingRecord().orElseThrow(),
        "and so does copying");

    // The ONNX file the model writes carries the same record in its metadata; a second write replaces it.
    String onnx = dir.resolve("model.onnx").toString();
    model.writeOnnx(onnx);
    model.writeOnnx(onnx);
    assertEquals(saved, io.nabla.onnx.OnnxImport.load(Path.of(onnx), Backends.get("pure")).description()
        .orElseThrow().training().orElseThrow(), "the ONNX file's record");
    // And Spark reads it back as a model that scores every row as the fitted one, with its record.
    NablaClassificationModel fromOnnx = NablaClassificationModel.readOnnx(onnx).setBackend("pure");
    assertEquals(saved, fromOnnx.trainingRecord().orElseThrow());
    List<Row> expected = model.transform(DATA.dataset(LocalSpark.session(), 2)).select("rawPrediction").collectAsList();
    List<Row> actual = fromOnnx.transform(DATA.dataset(LocalSpark.session(), 2)).select("rawPrediction")
        .collectAsList();
    assertEquals(expected, actual, "the same raw predictions for every row");
    java.io.IOException bad = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> NablaClassificationModel.readOnnx(dir.resolve("absent.onnx").toString()));
    assertTrue(bad.getMessage().endsWith("absent.onnx: no such file"), bad.getMessage());
  }

  @Test
  void theRecordFollowsTheModeAndTheScaledStepSize() {
    Dataset<Row> data = DATA.dataset(LocalSpark.session(), 3);
    TrainingRecord sync = DistributedTrainer.builder(6, 5, 3).mode(TrainingMode.SYNC_GRADIENT).batchSize(40)
        .maxIter(7).stepSize(0.2).build().fit(data, "features", "label").training();
    assertEquals(7, sync.iterations(), "sync mode: one optimizer step a round");
    assertEquals(Map.of("learning_rate", 0.2), sync.optimizer().values());
    TrainingRecord scaled = DistributedTrainer.builder(6, 5, 3).localSteps(2).maxIter(2).stepSize(0.2)
        .scaleStepSizeByPartitions(true).seed(3).build().fit(data, "features", "label").training();
    assertEquals(4, scaled.iterations(), "local mode: 2 rounds of 2 local steps");
    assertEquals(0.2 * 3, scaled.optimizer().values().get("learning_rate"), 1e-15,
        "the rate the optimizer stepped with: the step size times the 3 partitions");
    assertEquals(3, scaled.seed());
  }

  @Test
  void theDigestIsThatOfTheRowsTheFitRead() throws Exception {
    DistributedTrainer trainer = DistributedTrainer.builder(6, 5, 3).maxIter(1).build();
    String digest = trainer.fit(DATA.dataset(LocalSpark.session(), 1), "features", "label").training()
        .datasetSha256().get(FitTrainingRecord.ROWS_DIGEST);
    assertEquals(expectedDigest(DATA), digest, "the documented definition, computed here independently");
    assertEquals(digest, DistributedTrainer.builder(6, 5, 3).maxIter(2).seed(8).build()
        .fit(DATA.dataset(LocalSpark.session(), 1), "features", "label").training().datasetSha256()
        .get(FitTrainingRecord.ROWS_DIGEST), "the same rows, another fit: the same digest");
    int[] labels = DATA.labels().clone();
    labels[100] = (labels[100] + 1) % 3;
    Blobs changed = new Blobs(DATA.features(), labels, 3);
    assertNotEquals(digest, trainer.fit(changed.dataset(LocalSpark.session(), 1), "features", "label").training()
        .datasetSha256().get(FitTrainingRecord.ROWS_DIGEST), "one label changed: another digest");
  }

  /**
   * SHA-256 of the one partition's digest: of its row count and width, its features read as
   * float32 and written as float64, and its labels as int32, little-endian ({@link ShardDigest}).
   */
  private static String expectedDigest(Blobs blobs) throws Exception {
    int rows = blobs.labels().length;
    int width = blobs.width();
    ByteBuffer bytes = ByteBuffer.allocate(8 + rows * width * 8 + rows * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(rows).putInt(width);
    for (double[] row : blobs.features()) {
      for (double v : row) {
        bytes.putDouble((float) v);
      }
    }
    for (int label : blobs.labels()) {
      bytes.putInt(label);
    }
    byte[] partition = MessageDigest.getInstance("SHA-256").digest(bytes.array());
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(partition));
  }
}
