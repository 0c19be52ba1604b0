package io.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nabla.backend.Backends;
import io.nabla.data.DatasetFingerprint;
import io.nabla.data.LabeledData;
import io.nabla.model.Activation;
import io.nabla.model.ModelFile;
import io.nabla.model.TrainingRecord;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Momentum;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each checkpoint carries the run's training record with the iterations its parameters had, so a
 * run that stops early leaves a file that says how far it got.
 */
class CheckpointRecordTest {

  @TempDir Path dir;

  @Test
  void theCheckpointRecordsTheRunAndTheIterationsItsParametersHad() throws Exception {
    LabeledData train = TrainingData.blobs(100, 1);
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(25).withBatchSize(10).withSeed(3);
    Momentum momentum = new Momentum(0.2, 0.8);
    TrainingRecord record = config.record(momentum, Backends.current(),
        new DatasetFingerprint("blobs", Map.of("blobs.csv", "00".repeat(32))), Instant.parse("2026-12-03T07:00:00Z"));
    TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).seed(2).build();
    Path file = dir.resolve("model.npz");
    new Trainer(config).addListener(new CheckpointListener(net, file, record)).train(net, momentum, train, train);

    TrainingRecord saved = ModelFile.load(file, Backends.current(), Activation.RELU).description().orElseThrow()
        .training().orElseThrow();
    // 100 rows / batch 10: epochs are evaluated after iterations 1, 11 and 21; the last one saved.
    assertEquals(21, saved.iterationsDone());
    assertEquals(record.withIterationsDone(21), saved);
    assertEquals(25, saved.iterations());
    assertEquals(Map.of("learning_rate", 0.2, "momentum", 0.8), saved.optimizer().values());
    assertEquals(3, saved.seed());
    assertEquals(Backends.current().name(), saved.backend());
  }
}
