package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backends;
import io.nabla.io.Npz;
import io.nabla.optimizer.Adam;
import io.nabla.optimizer.OptimizerSettings;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.testing.ReferenceBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model saved by a training run says how it was trained, and reading it back gives the same facts. */
class TrainingRecordTest {

  @TempDir Path dir;

  static TrainingRecord adamRecord() {
    return new TrainingRecord(new Adam(0.001, 0.9, 0.999).settings(), 64, 3000, 1200, true, -5L, "reference",
        "fashion", Map.of("train-images-idx3-ubyte.gz", "ab".repeat(32)), TrainingRecord.currentJdk(),
        Instant.parse("2026-12-03T06:30:12.345Z"));
  }

  @Test
  void aSavedRecordComesBackFactForFact() throws IOException {
    TwoLayerNet net = TwoLayerNet.builder(6, 4, 3).seed(1).backend(Backends.get(ReferenceBackend.NAME)).build();
    Path file = dir.resolve("m.npz");
    TrainingRecord record = adamRecord();
    ModelFile.save(file, net, record);
    TrainingRecord back = ModelFile.load(file, Backends.get(ReferenceBackend.NAME), Activation.RELU)
        .description().orElseThrow().training().orElseThrow();
    assertEquals(new OptimizerSettings("adam", Map.of("learning_rate", 0.001, "beta1", 0.9, "beta2", 0.999,
        "epsilon", 1e-7)), back.optimizer());
    assertEquals(List.of("learning_rate", "beta1", "beta2", "epsilon"), List.copyOf(back.optimizer().values().keySet()));
    assertEquals(64, back.batchSize());
    assertEquals(3000, back.iterations());
    assertEquals(1200, back.iterationsDone());
    assertTrue(back.shuffledEpochs());
    assertEquals(-5L, back.seed());
    assertEquals("reference", back.backend());
    assertEquals("fashion", back.dataset());
    assertEquals(Map.of("train-images-idx3-ubyte.gz", "ab".repeat(32)), back.datasetSha256());
    assertEquals(Runtime.version().toString(), back.jdk().substring(0, back.jdk().indexOf(' ')));
    assertEquals(Instant.parse("2026-12-03T06:30:12Z"), back.started(), "kept to the second");
    assertEquals("", back.weightInit(), "not recorded");
    assertEquals(record, back);
    ModelFile.save(file, net, record.withWeightInit(WeightInit.he()));
    TrainingRecord he = ModelFile.load(file, Backends.get(ReferenceBackend.NAME), Activation.RELU)
        .description().orElseThrow().training().orElseThrow();
    assertEquals("he", he.weightInit());
    assertEquals(record.withWeightInit(WeightInit.he()), he);
    assertEquals(0, he.weightDecay(), "not recorded: none");
    ModelFile.save(file, net, record.withWeightDecay(0.005));
    TrainingRecord decayed = ModelFile.load(file, Backends.get(ReferenceBackend.NAME), Activation.RELU)
        .description().orElseThrow().training().orElseThrow();
    assertEquals(0.005, decayed.weightDecay());
    assertEquals(record.withWeightDecay(0.005), decayed);
  }

  @Test
  void aFileWithoutARecordHasNone() throws IOException {
    TwoLayerNet net = TwoLayerNet.builder(6, 4, 3).seed(1).backend(Backends.get(ReferenceBackend.NAME)).build();
    Path file = dir.resolve("plain.npz");
    ModelFile.save(file, net);
    assertEquals(Optional.empty(), ModelFile.load(file, Backends.get(ReferenceBackend.NAME), Activation.RELU)
        .description().orElseThrow().training());
  }

  @Test
  void keysALaterVersionAddsAreSkipped() throws IOException {
    ModelDescription d = new ModelDescription(Activation.SIGMOID, List.of(6, 4, 3), DType.FLOAT32, "9.0",
        Optional.of(adamRecord()));
    ModelDescription back = ModelDescription.parse("t", d.toText()
        + "training.gpu=none\ntraining.optimizer.schedule=cosine\nquantized=false\n");
    assertEquals(d, back);
  }

  @Test
  void aFactThatWouldNotReadBackIsRefusedWhenTheRecordIsMade() {
    TrainingRecord r = adamRecord();
    IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> new TrainingRecord(
        r.optimizer(), 1, 1, 1, false, 0, "simd\nseed=1", "mnist", Map.of(), "17", Instant.EPOCH));
    assertEquals("a training record's value must be one non-empty line, got 'simd\nseed=1'", value.getMessage());
    IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> new TrainingRecord(
        r.optimizer(), 1, 1, 1, false, 0, "simd", "mnist", Map.of("a=b.gz", "00"), "17", Instant.EPOCH));
    assertEquals("a training record's file name must be one non-empty line without '=', got 'a=b.gz'",
        file.getMessage());
  }

  @Test
  void aMissingOrMalformedFactNamesTheFileAndTheKey() throws IOException {
    String text = new ModelDescription(Activation.SIGMOID, List.of(6, 4, 3), DType.FLOAT32, "9.0",
        Optional.of(adamRecord())).toText();
    IOException missing = assertThrows(IOException.class,
        () -> ModelDescription.parse("f.npz entry nabla_model", text.replaceAll("training\\.seed=.*\n", "")));
    assertEquals("f.npz entry nabla_model: the training record has no training.seed", missing.getMessage());
    IOException bad = assertThrows(IOException.class,
        () -> ModelDescription.parse("f.npz entry nabla_model", text.replace("training.batch_size=64", "training.batch_size=lots")));
    assertEquals("f.npz entry nabla_model: training.batch_size is 'lots', not an integer", bad.getMessage());
    IOException date = assertThrows(IOException.class, () -> ModelDescription.parse("f", text.replaceAll(
        "training\\.started=.*\n", "training.started=yesterday\n")));
    assertTrue(date.getMessage().startsWith("f: training.started is 'yesterday', not an ISO-8601 instant"),
        date.getMessage());
    IOException done = assertThrows(IOException.class, () -> ModelDescription.parse("f", text.replace(
        "training.iterations_done=1200", "training.iterations_done=4000")));
    assertTrue(done.getMessage().contains("4000 of 3000 iterations"), done.getMessage());
    String decayed = new ModelDescription(Activation.SIGMOID, List.of(6, 4, 3), DType.FLOAT32, "9.0",
        Optional.of(adamRecord().withWeightDecay(0.1))).toText();
    assertTrue(decayed.contains("training.weight_decay=0.1\n"), decayed);
    IOException decay = assertThrows(IOException.class, () -> ModelDescription.parse("f", decayed.replace(
        "training.weight_decay=0.1", "training.weight_decay=much")));
    assertEquals("f: training.weight_decay is 'much', not a number", decay.getMessage());
    IOException negative = assertThrows(IOException.class, () -> ModelDescription.parse("f", decayed.replace(
        "training.weight_decay=0.1", "training.weight_decay=-1")));
    assertTrue(negative.getMessage().contains("weight decay must be a finite number >= 0, got -1.0"),
        negative.getMessage());
  }

  @Test
  void theDescriptionStaysOneTextEntryThatNumpyReads() throws IOException {
    TwoLayerNet net = TwoLayerNet.builder(6, 4, 3).seed(1).backend(Backends.get(ReferenceBackend.NAME)).build();
    Path file = dir.resolve("m.npz");
    ModelFile.save(file, net, adamRecord());
    Npz.Contents contents = Npz.read(file, Backends.get(ReferenceBackend.NAME));
    Map<String, Tensor> arrays = new LinkedHashMap<>(contents.arrays());
    assertEquals(List.of("W1", "b1", "W2", "b2"), List.copyOf(arrays.keySet()));
    String description = contents.texts().get(ModelFile.DESCRIPTION_KEY);
    assertTrue(description.contains("\ntraining.optimizer=adam\ntraining.optimizer.learning_rate=0.001\n"), description);
  }
}
