package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.io.Npz;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feed-forward nets of any depth: the chapter's net as the three-size case, deeper ones saved and loaded. */
class FeedForwardNetTest {

  private static final Backend REFERENCE = Backends.get(ReferenceBackend.NAME);

  @TempDir Path dir;

  @Test
  void threeSizesAreTheChaptersTwoLayerNetWithTheSameWeights() {
    FeedForwardNet general = FeedForwardNet.builder(20, 5, 3).seed(9).backend(REFERENCE).build();
    TwoLayerNet chapter = TwoLayerNet.builder(20, 5, 3).seed(9).backend(REFERENCE).build();
    assertInstanceOf(TwoLayerNet.class, general);
    for (Parameter p : chapter.parameters()) {
      assertArrayEquals(p.value().toDoubleArray(),
          general.parametersByName().get(p.name()).value().toDoubleArray(), 0.0, p.name());
    }
    assertEquals(List.of(20, 5, 3), general.layerSizes());
  }

  @Test
  void aDeeperNetHasOneAffineLayerPerPairOfSizesAndItsBackpropMatchesCentralDifferences() {
    FeedForwardNet net = FeedForwardNet.builder(6, 5, 4, 3).activation(Activation.RELU).dtype(DType.FLOAT64)
        .weightInitStd(0.5).seed(3).backend(REFERENCE).build();
    assertInstanceOf(MultiLayerNet.class, net);
    assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"),
        net.parameters().stream().map(Parameter::name).toList());
    assertEquals(List.of(6, 5, 4, 3), net.layerSizes());
    Tensor x = Tensors.randomUniform(REFERENCE, new SeededRandom(4), -1, 1, DType.FLOAT64, 4, 6);
    Targets t = Targets.labels(0, 2, 1, 2);
    GradientChecker.centralDifferences().checkModel(net, x, t).assertRelativeErrorBelow(1e-7);
  }

  @Test
  void lossAndGradientIsTheLossOfTheSameForwardPassAndTheSameGradient() {
    FeedForwardNet net = FeedForwardNet.builder(6, 4, 3).dtype(DType.FLOAT64).seed(5).backend(REFERENCE).build();
    Tensor x = Tensors.randomUniform(REFERENCE, new SeededRandom(6), 0, 1, DType.FLOAT64, 5, 6);
    Targets t = Targets.labels(0, 1, 2, 0, 1);
    double expectedLoss = net.loss(x, t);
    Map<String, Tensor> expected = Map.copyOf(net.gradient(x, t).entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().copy())));
    assertEquals(expectedLoss, net.lossAndGradient(x, t), 0.0);
    for (Parameter p : net.parameters()) {
      assertArrayEquals(expected.get(p.name()).toDoubleArray(), p.grad().toDoubleArray(), 0.0, p.name());
    }
  }

  @Test
  void softmaxRegressionIsTheNetWithTwoSizes() {
    FeedForwardNet net = FeedForwardNet.builder(4, 3).backend(REFERENCE).build();
    assertEquals(List.of("W1", "b1"), net.parameters().stream().map(Parameter::name).toList());
    assertThrows(IllegalArgumentException.class, () -> FeedForwardNet.builder(4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeedForwardNet.builder(4, 0, 3));
    assertEquals("feedForwardNet: layer size 1 must be positive, got 0", e.getMessage());
  }

  @Test
  void loadingNamesTheParameterThatDoesNotFit() {
    Map<String, Tensor> chained = Map.of(
        "W1", Tensors.zeros(REFERENCE, DType.FLOAT32, 4, 3), "b1", Tensors.zeros(REFERENCE, DType.FLOAT32, 3),
        "W2", Tensors.zeros(REFERENCE, DType.FLOAT32, 5, 2), "b2", Tensors.zeros(REFERENCE, DType.FLOAT32, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeedForwardNet.fromParameters(chained, Activation.SIGMOID));
    assertTrue(e.getMessage().contains("W1 float32[4, 3] and W2 float32[5, 2] do not chain"), e.getMessage());
    Map<String, Tensor> noBias = Map.of("W1", Tensors.zeros(REFERENCE, DType.FLOAT32, 4, 3));
    e = assertThrows(IllegalArgumentException.class, () -> FeedForwardNet.fromParameters(noBias, Activation.SIGMOID));
    assertTrue(e.getMessage().startsWith("feedForwardNet: parameter 'b1' is missing"), e.getMessage());
    Map<String, Tensor> extra = Map.of(
        "W1", Tensors.zeros(REFERENCE, DType.FLOAT32, 4, 3), "b1", Tensors.zeros(REFERENCE, DType.FLOAT32, 3),
        "W3", Tensors.zeros(REFERENCE, DType.FLOAT32, 3, 2));
    e = assertThrows(IllegalArgumentException.class, () -> FeedForwardNet.fromParameters(extra, Activation.SIGMOID));
    assertTrue(e.getMessage().contains("[W3] do not belong to a net with layers W1..W1"), e.getMessage());
  }

  @Test
  void aDeeperNetIsSavedWithItsLayerSizesAndComesBackTheSame() throws IOException {
    FeedForwardNet net = FeedForwardNet.builder(6, 5, 4, 3).activation(Activation.RELU).seed(2)
        .backend(REFERENCE).build();
    Path file = dir.resolve("deep.npz");
    ModelFile.save(file, net);
    String text = Npz.read(file, REFERENCE).texts().get(ModelFile.DESCRIPTION_KEY);
    assertTrue(text.startsWith("format=nabla-multi-layer-net/1\nactivation=relu\nlayer_sizes=6,5,4,3\n"), text);
    ModelFile.Loaded loaded = ModelFile.load(file, REFERENCE, Activation.SIGMOID);
    assertInstanceOf(MultiLayerNet.class, loaded.net());
    assertEquals(List.of(6, 5, 4, 3), loaded.description().orElseThrow().feedForward().orElseThrow().layerSizes());
    assertEquals(Activation.RELU, ((FeedForwardNet) loaded.net()).activation());
    Tensor x = Tensors.randomUniform(REFERENCE, new SeededRandom(1), 0, 1, DType.FLOAT32, 3, 6);
    assertArrayEquals(net.predict(x).toDoubleArray(), loaded.net().predict(x).toDoubleArray(), 0.0);
  }

  @Test
  void theTwoLayerFormatIsWrittenAsBeforeAndBothFormatsParse() throws IOException {
    ModelDescription two = new ModelDescription(Activation.SIGMOID, 784, 50, 10, DType.FLOAT32, "0.1.0");
    // The text every earlier Nabla version wrote and reads, key for key.
    assertEquals("format=nabla-two-layer-net/1\nactivation=sigmoid\ninput_size=784\nhidden_size=50\n"
        + "output_size=10\ndtype=float32\nnabla_version=0.1.0\n", two.toText());
    assertEquals(two, ModelDescription.parse("t", two.toText()));
    ModelDescription deep = new ModelDescription(Activation.RELU, List.of(784, 100, 50, 10), DType.FLOAT64, "x");
    assertEquals(deep, ModelDescription.parse("t", deep.toText()));
    IOException e = assertThrows(IOException.class, () -> ModelDescription.parse("f entry nabla_model",
        "format=nabla-multi-layer-net/1\nactivation=relu\nlayer_sizes=784,,10\ndtype=float32\nnabla_version=x\n"));
    assertEquals("f entry nabla_model: layer_sizes is '', not a positive integer", e.getMessage());
  }
}
