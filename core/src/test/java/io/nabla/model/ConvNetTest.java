package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.io.Npz;
import io.nabla.layer.Affine;
import io.nabla.layer.Conv2d;
import io.nabla.layer.MaxPool2d;
import io.nabla.layer.Relu;
import io.nabla.layer.Sequential;
import io.nabla.loss.Targets;
import io.nabla.optimizer.Sgd;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nets of convolutions and poolings: their text, the book's SimpleConvNet, training, saving and loading. */
class ConvNetTest {

  private static final String SMALL = "conv(4,3,1,1) relu maxpool(2) conv(3,2) tanh avgpool(3,1) affine(5) relu affine(3)";

  @TempDir Path dir;

  private static Backend reference() {
    return Backends.get(ReferenceBackend.NAME);
  }

  private static Net small(DType dtype) {
    return Net.builder(SMALL, 2, 8, 8).dtype(dtype).seed(5).weightInitStd(0.5).backend(reference()).build();
  }

  /** Four images [2, 8, 8] as rows of 128 pixels, as the data arrive. */
  private static Tensor rows(DType dtype) {
    return Tensors.randomUniform(reference(), new SeededRandom(3), -1, 1, dtype, 4, 128);
  }

  private static final Targets TARGETS = Targets.labels(0, 2, 1, 2);

  @Test
  void theTextOfAConvNetIsReadAndWrittenBackWithItsShapes() {
    Architecture a = Architecture.parse("conv( 16 , 3 ,1, 1) relu MaxPool(2) conv(8,3) avgpool(3,2) affine(10)");
    assertEquals("conv(16,3,1,1) relu maxpool(2) conv(8,3) avgpool(3,2) affine(10)", a.text());
    assertEquals(a, Architecture.parse(a.text()));
    assertTrue(a.takesImages());
    assertFalse(Architecture.parse("relu affine(10)").takesImages());
    // [1, 28, 28] -> conv 3x3 padding 1 [16, 28, 28] -> pool [16, 14, 14] -> conv [8, 12, 12] -> pool [8, 5, 5]
    assertEquals(List.of(8, 5, 5), new Architecture(a.layers().subList(0, 5)).outputShape(List.of(1, 28, 28)));
    assertEquals(List.of(10), a.outputShape(List.of(1, 28, 28)));
  }

  @Test
  void aBadConvTextOrAnInputItCannotTakeIsNamed() {
    IllegalArgumentException comma = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("conv(30)"));
    assertEquals("net 'conv(30)': expected ',' at character 8, found ')'", comma.getMessage());
    IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("conv(30,5,1)"));
    assertEquals("net 'conv(30,5,1)': expected ',' at character 12, found ')'", padding.getMessage());
    IllegalArgumentException stride = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("maxpool(2,0)"));
    assertTrue(stride.getMessage().contains("expected maxpool's stride, a positive integer at character 11"),
        stride.getMessage());
    IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("conv(3,5) maxpool(30)").outputShape(List.of(1, 28, 28)));
    assertEquals("maxpool(30): its 30x30 window does not fit in [3, 24, 24]", fit.getMessage());
  }

  @Test
  void theBooksSimpleConvNetHasTheBooksParameters() {
    Preset preset = Preset.named("Simple-Conv").orElseThrow();
    assertEquals(Preset.SIMPLE_CONV, preset);
    assertEquals("conv(30,5) relu maxpool(2) affine(100) relu affine(10)", preset.architecture().text());
    Net net = Net.builder(preset.architecture(), 1, 28, 28).backend(reference()).build();
    // The book's SimpleConvNet: W1 (30, 1, 5, 5), W2 (30 * 12 * 12, 100), W3 (100, 10).
    List<List<Integer>> shapes = net.parameters().stream()
        .map(p -> java.util.Arrays.stream(p.value().shape()).boxed().toList()).toList();
    assertEquals(List.of(List.of(30, 1, 5, 5), List.of(30), List.of(4320, 100), List.of(100), List.of(100, 10),
        List.of(10)), shapes);
    assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), net.parameters().stream().map(p -> p.name()).toList());
    assertTrue(Preset.named("deep-conv-not-yet").isEmpty());
  }

  @Test
  void aNetOfImagesTakesRowsOfPixelsAsTheImagesTheyAre() {
    Net net = small(DType.FLOAT64);
    Tensor images = rows(DType.FLOAT64).reshape(4, 2, 8, 8);
    assertArrayEquals(net.scores(images).toDoubleArray(), net.scores(rows(DType.FLOAT64)).toDoubleArray());
    assertArrayEquals(new int[] {4, 3}, net.scores(rows(DType.FLOAT64)).shape());
  }

  @Test
  void theGradientOfAConvNetMatchesCentralDifferences() {
    GradientChecker.centralDifferences().checkModel(small(DType.FLOAT64), rows(DType.FLOAT64), TARGETS)
        .assertRelativeErrorBelow(1e-6);
  }

  @Test
  void aConvNetSavesAndLoadsWithoutItsCodeAndScoresTheSame() throws IOException {
    Net net = small(DType.FLOAT32);
    net.gradient(rows(DType.FLOAT32), TARGETS);
    new Sgd(0.5).step(net.parameters());
    Path file = dir.resolve("conv.npz");
    ModelFile.save(file, net);
    ModelFile.Loaded loaded = ModelFile.load(file, reference(), Activation.SIGMOID);
    assertEquals(net.architecture(), loaded.net().architecture());
    assertEquals(List.of(2, 8, 8), loaded.net().inputShape());
    for (int i = 0; i < net.parameters().size(); i++) {
      assertArrayEquals(net.parameters().get(i).value().toDoubleArray(),
          loaded.net().parameters().get(i).value().toDoubleArray(), net.parameters().get(i).name());
    }
    assertArrayEquals(net.predict(rows(DType.FLOAT32)).toDoubleArray(),
        loaded.net().predict(rows(DType.FLOAT32)).toDoubleArray());
    String text = Npz.read(file, reference()).texts().get(ModelFile.DESCRIPTION_KEY);
    assertTrue(text.startsWith("format=nabla-net/1\nnet=" + SMALL + "\ninput_shape=2,8,8\n"), text);
  }

  @Test
  void aStackOfConvolutionsBuiltByHandIsDescribed() {
    Tensor w1 = Tensors.randomNormal(reference(), new SeededRandom(1), 0, 1, DType.FLOAT32, 3, 1, 3, 3);
    Tensor b1 = Tensors.zeros(reference(), DType.FLOAT32, 3);
    Tensor w2 = Tensors.randomNormal(reference(), new SeededRandom(2), 0, 1, DType.FLOAT32, 12, 10); // [3, 5, 5] pooled to [3, 2, 2]
    Tensor b2 = Tensors.zeros(reference(), DType.FLOAT32, 10);
    Sequential stack = new Sequential(List.of(new Conv2d("filters", w1, "bias", b1, 2, 1), new Relu(),
        new MaxPool2d(2, 2), new Affine("dense", w2, "dense bias", b2)));
    Net net = Net.over(stack, 1, 10, 10);
    assertEquals("conv(3,3,2,1) relu maxpool(2) affine(10)", net.architecture().text());
    assertEquals(List.of("W1", "b1", "W2", "b2"), net.parameters().stream().map(p -> p.name()).toList());
  }
}
