package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.io.Npz;
import io.nabla.layer.Affine;
import io.nabla.layer.Parameter;
import io.nabla.layer.Relu;
import io.nabla.layer.Residual;
import io.nabla.layer.Sequential;
import io.nabla.loss.Targets;
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

/** A net of any composition of Nabla's layers is built from text, trained, saved and loaded without its code. */
class NetTest {

  private static final String RESIDUAL = "affine(8) tanh residual(affine(8) relu affine(8)) sigmoid affine(3)";

  @TempDir Path dir;

  private static Backend reference() {
    return Backends.get(ReferenceBackend.NAME);
  }

  private static Net residual(DType dtype) {
    return Net.builder(RESIDUAL, 6).dtype(dtype).seed(5).weightInitStd(0.5).backend(reference()).build();
  }

  private static Tensor input(DType dtype) {
    return Tensors.randomUniform(reference(), new SeededRandom(3), -1, 1, dtype, 4, 6);
  }

  private static final Targets TARGETS = Targets.labels(0, 2, 1, 2);

  @Test
  void theTextOfANetIsReadAndWrittenBackTheSame() {
    Architecture a = Architecture.parse("  Affine( 100 )  relu residual( affine(100) relu )affine(10) ");
    assertEquals("affine(100) relu residual(affine(100) relu) affine(10)", a.text());
    assertEquals(a, Architecture.parse(a.text()));
    assertEquals(List.of(10), a.outputShape(List.of(784)));
    assertEquals(4, a.layers().size());
    assertInstanceOf(LayerSpec.Residual.class, a.layers().get(2));
  }

  @Test
  void aBadTextIsRefusedNamingThePlaceAndWhatWasExpected() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("affine(100) rleu affine(10)"));
    assertEquals("net 'affine(100) rleu affine(10)': expected a layer (affine(N), sigmoid, relu, tanh, leaky_relu,"
        + " residual(LAYERS), conv(FILTERS,SIZE[,STRIDE,PADDING]), maxpool(SIZE[,STRIDE]), avgpool(SIZE[,STRIDE]),"
        + " dropout(P), batchnorm[(EPSILON)]), not 'rleu' at character 13, found 'r'", unknown.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("affine(0)"));
    assertTrue(size.getMessage().contains("expected affine's number of outputs, a positive integer at character 8"),
        size.getMessage());
    IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("residual(affine(4) relu"));
    assertTrue(open.getMessage().endsWith("expected ')' at character 24, found the end"), open.getMessage());
    IllegalArgumentException args = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("relu(2)"));
    assertTrue(args.getMessage().contains("relu takes no arguments"), args.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Architecture.parse(""));
    assertThrows(IllegalArgumentException.class, () -> Architecture.parse("affine(10))"));
  }

  @Test
  void aLayerThatCannotTakeItsInputIsNamedWithTheShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("affine(8) residual(affine(5)) affine(10)").outputShape(List.of(784)));
    assertEquals("residual(affine(5)) maps [8] to [5]; a residual block must keep the shape to add its input",
        e.getMessage());
    IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
        () -> Net.builder("conv(3,5) affine(10)", 784).build());
    assertEquals("conv(3,5) takes images [channels, height, width], not [784]", vector.getMessage());
  }

  @Test
  void aFullyConnectedNetFromTextIsTheChaptersNetBitForBit() {
    Net fromText = Net.builder("affine(50) sigmoid affine(10)", 784).seed(42).backend(reference()).build();
    TwoLayerNet chapter = TwoLayerNet.builder(784, 50, 10).seed(42).backend(reference()).build();
    assertInstanceOf(TwoLayerNet.class, fromText);
    assertParametersEqual(chapter, fromText);
    assertEquals("affine(50) sigmoid affine(10)", chapter.architecture().text());
    // Drawn through the general path, which every other net takes, the weights come out in the
    // same order from the same generator.
    Sequential general = Architecture.parse("affine(50) sigmoid affine(10)")
        .build(List.of(784), ParameterSource.initialized(reference(), DType.FLOAT32, 42, 0.01));
    for (int i = 0; i < chapter.parameters().size(); i++) {
      assertTensorsEqual(chapter.parameters().get(i).value(), general.parameters().get(i).value());
    }
  }

  @Test
  void theGradientOfAResidualNetMatchesCentralDifferences() {
    GradientChecker.centralDifferences().checkModel(residual(DType.FLOAT64), input(DType.FLOAT64), TARGETS)
        .assertRelativeErrorBelow(1e-6);
  }

  @Test
  void aResidualNetSavesAndLoadsWithoutItsCodeAndScoresTheSame() throws IOException {
    Net net = residual(DType.FLOAT32);
    new io.nabla.optimizer.Sgd(0.5).step(gradientOf(net));
    Path file = dir.resolve("residual.npz");
    ModelFile.save(file, net);
    ModelFile.Loaded loaded = ModelFile.load(file, reference(), Activation.SIGMOID);
    assertEquals(net.architecture(), loaded.net().architecture());
    assertEquals(List.of(6), loaded.net().inputShape());
    assertEquals(Architecture.parse(RESIDUAL), loaded.description().orElseThrow().architecture());
    assertTrue(loaded.description().orElseThrow().feedForward().isEmpty());
    assertParametersEqual(net, loaded.net());
    assertTensorsEqual(net.predict(input(DType.FLOAT32)), loaded.net().predict(input(DType.FLOAT32)));
    String text = Npz.read(file, reference()).texts().get(ModelFile.DESCRIPTION_KEY);
    assertTrue(text.startsWith("format=nabla-net/1\nnet=" + RESIDUAL + "\ninput_shape=6\ndtype=float32\n"), text);
    assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4"), List.copyOf(Npz.load(file).keySet()));
  }

  @Test
  void aStackOfNabasLayersBuiltByHandIsDescribedAndSaved() throws IOException {
    Tensor w1 = Tensors.randomNormal(reference(), new SeededRandom(1), 0, 1, DType.FLOAT32, 6, 6);
    Tensor b1 = Tensors.zeros(reference(), DType.FLOAT32, 6);
    Tensor w2 = Tensors.randomNormal(reference(), new SeededRandom(2), 0, 1, DType.FLOAT32, 6, 3);
    Tensor b2 = Tensors.zeros(reference(), DType.FLOAT32, 3);
    Sequential stack = new Sequential(new Residual(new Sequential(new Affine("enc.W", w1, "enc.b", b1), new Relu())),
        new Affine("out.W", w2, "out.b", b2));
    Net net = Net.over(stack, 6);
    assertEquals("residual(affine(6) relu) affine(3)", net.architecture().text());
    assertEquals(List.of("W1", "b1", "W2", "b2"), net.parameters().stream().map(Parameter::name).toList());
    assertTensorsEqual(new SoftmaxClassifier(stack).predict(input(DType.FLOAT32)), net.predict(input(DType.FLOAT32)));
    Path file = dir.resolve("stack.npz");
    ModelFile.save(file, net);
    assertTensorsEqual(net.predict(input(DType.FLOAT32)),
        ModelFile.load(file, reference(), Activation.SIGMOID).net().predict(input(DType.FLOAT32)));
  }

  @Test
  void aLayerOfYourOwnIsNamedWhenANetCannotBeDescribed() {
    io.nabla.layer.Layer gate = new io.nabla.layer.Layer() {
      @Override
      public io.nabla.autograd.Variable forward(io.nabla.autograd.Variable x) {
        return x.mul(x.sigmoid());
      }

      @Override
      public List<Parameter> parameters() {
        return List.of();
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Net.over(new Sequential(gate), 6));
    assertTrue(e.getMessage().startsWith("layer " + gate.getClass().getName() + " has no text in an architecture"),
        e.getMessage());
  }

  @Test
  void aFileWhoseArraysDoNotFitItsArchitectureIsRefusedNamingTheParameter() throws IOException {
    Net net = residual(DType.FLOAT32);
    Path file = dir.resolve("bad.npz");
    ModelFile.save(file, net);
    Map<String, Tensor> arrays = new java.util.LinkedHashMap<>(Npz.load(file, reference()));
    Map<String, String> texts = Npz.read(file, reference()).texts();
    arrays.put("W3", Tensors.zeros(reference(), DType.FLOAT32, 8, 7));
    Npz.save(file, arrays, texts);
    IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, reference(), Activation.SIGMOID));
    assertEquals(file + ": parameter W3 is float32[8, 7] but its layer needs [8, 8]", e.getMessage());
    arrays.put("W3", Tensors.zeros(reference(), DType.FLOAT32, 8, 8));
    arrays.put("W9", Tensors.zeros(reference(), DType.FLOAT32, 1));
    Npz.save(file, arrays, texts);
    IOException extra = assertThrows(IOException.class, () -> ModelFile.load(file, reference(), Activation.SIGMOID));
    assertEquals(file + ": parameters [W9] belong to no layer of the net", extra.getMessage());
  }

  @Test
  void aTwinSharingTheParametersOfAResidualNetScoresAsItDoes() {
    Net net = residual(DType.FLOAT32);
    Model twin = net.sharingParameters().orElseThrow();
    new io.nabla.optimizer.Sgd(0.5).step(gradientOf(net));
    assertEquals(net.loss(input(DType.FLOAT32), TARGETS), twin.loss(input(DType.FLOAT32), TARGETS));
    assertParametersEqual(net, net.asType(DType.FLOAT64).asType(DType.FLOAT32));
  }

  private static List<Parameter> gradientOf(Net net) {
    net.gradient(input(DType.FLOAT32), TARGETS);
    return net.parameters();
  }

  private static void assertParametersEqual(Model expected, Model actual) {
    assertEquals(expected.parameters().size(), actual.parameters().size());
    for (int i = 0; i < expected.parameters().size(); i++) {
      assertEquals(expected.parameters().get(i).name(), actual.parameters().get(i).name());
      assertTensorsEqual(expected.parameters().get(i).value(), actual.parameters().get(i).value());
    }
  }

  private static void assertTensorsEqual(Tensor expected, Tensor actual) {
    assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(Double.doubleToLongBits(expected.getFlat(i)), Double.doubleToLongBits(actual.getFlat(i)),
          "element " + i);
    }
  }
}
