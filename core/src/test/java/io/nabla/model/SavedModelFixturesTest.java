package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.data.LabeledData;
import io.nabla.data.MnistLoader;
import io.nabla.loss.Targets;
import io.nabla.backend.DType;
import io.nabla.testing.ReferenceBackend;
import io.nabla.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Files saved by earlier versions stay readable and score as they did. Each fixture in
 * {@code fixtures/} was written by {@code nabla train --iters 6000 --hidden 10 --seed 7}: one by
 * the version before models recorded their training, one by the version that added the record.
 * Its {@code .expected} holds NumPy's own score of it ({@code score_with_numpy.py}), which this
 * test matches to the sample.
 */
class SavedModelFixturesTest {

  private static final Backend BACKEND = Backends.get(ReferenceBackend.NAME);

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(SavedModelFixturesTest.class.getResource("fixtures/" + name).toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"format1-without-training-record", "format1-with-training-record"})
  void everySavedFormatStillScoresWhatNumpyScoresIt(String name) throws Exception {
    Properties expected = new Properties();
    try (InputStream in = SavedModelFixturesTest.class.getResourceAsStream("fixtures/" + name + ".expected")) {
      expected.load(in);
    }
    ModelFile.Loaded loaded = ModelFile.load(fixture(name + ".npz"), BACKEND, Activation.RELU);
    assertEquals(Activation.SIGMOID, ((FeedForwardNet) loaded.net()).activation(), "the file's own activation, not the assumed one");
    LabeledData test = MnistLoader.load(TestData.mnistDir(), true, true, DType.FLOAT32, BACKEND).test();
    int correct = (int) Math.round(loaded.net().accuracy(test.images(), Targets.labels(test.labels())) * test.size());
    assertEquals(Integer.parseInt(expected.getProperty("samples")), test.size());
    assertEquals(Integer.parseInt(expected.getProperty("correct")), correct, name);
  }

  @Test
  void theFirstFormatHasNoTrainingRecord() throws Exception {
    ModelDescription d = ModelFile.load(fixture("format1-without-training-record.npz"), BACKEND, Activation.RELU)
        .description().orElseThrow();
    assertEquals(java.util.List.of(784, 10, 10), d.feedForward().orElseThrow().layerSizes());
    assertEquals(Optional.empty(), d.training());
  }

  @Test
  void theRecordSaysHowTheFixtureWasTrained() throws IOException, URISyntaxException {
    TrainingRecord r = ModelFile.load(fixture("format1-with-training-record.npz"), BACKEND, Activation.RELU)
        .description().orElseThrow().training().orElseThrow();
    assertEquals("sgd", r.optimizer().name());
    assertEquals(Map.of("learning_rate", 0.1), r.optimizer().values());
    assertEquals(100, r.batchSize());
    assertEquals(6000, r.iterations());
    assertEquals(6000, r.iterationsDone());
    assertEquals(false, r.shuffledEpochs());
    assertEquals(7, r.seed());
    assertEquals("simd", r.backend());
    assertEquals("mnist", r.dataset());
    // The shared MNIST files' digests, as sha256sum prints them.
    assertEquals(Map.of(
        "train-images-idx3-ubyte.gz", "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971",
        "train-labels-idx1-ubyte.gz", "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203",
        "t10k-images-idx3-ubyte.gz", "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be",
        "t10k-labels-idx1-ubyte.gz", "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b"),
        r.datasetSha256());
    assertTrue(r.jdk().startsWith("17."), r.jdk());
  }
}
