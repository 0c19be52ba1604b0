package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.layer.Dropout;
import io.nabla.layer.TrainingMode;
import io.nabla.loss.Targets;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropout (the book's chapter 6) as a layer with training and evaluation behaviour, in nets of
 * text, and the book's DeepConvNet.
 */
class DropoutNetTest {

  private static final String NET = "conv(3,3,1,1) relu maxpool(2) affine(6) relu dropout(0.5) affine(3) dropout(0.25)";
  private static final Targets TARGETS = Targets.labels(0, 2, 1, 2);

  @TempDir Path dir;

  private static Backend reference() {
    return Backends.get(ReferenceBackend.NAME);
  }

  private static Net net(long seed) {
    return Net.builder(NET, 1, 6, 6).dtype(DType.FLOAT64).seed(seed).weightInit(WeightInit.he()).backend(reference())
        .build();
  }

  private static Tensor rows() {
    return Tensors.randomUniform(reference(), new SeededRandom(3), -1, 1, DType.FLOAT64, 4, 36);
  }

  @Test
  void dropoutPassesEverythingInEvaluationAndDropsWithTheScaledRestInTraining() {
    Dropout dropout = new Dropout(0.3);
    Tensor x = Tensors.full(reference(), 2.0, DType.FLOAT64, 100, 100);
    assertFalse(TrainingMode.isOn());
    assertSame(x, dropout.forward(x));
    Tensor trained;
    try (TrainingMode.Scope mode = TrainingMode.on(new SeededRandom(1))) {
      assertTrue(TrainingMode.isOn());
      trained = dropout.forward(x);
      try (TrainingMode.Scope inner = TrainingMode.off()) {
        assertFalse(TrainingMode.isOn());
      }
      assertTrue(TrainingMode.isOn());
    }
    assertFalse(TrainingMode.isOn());
    int dropped = 0;
    for (double v : trained.toDoubleArray()) {
      if (v == 0) {
        dropped++;
      } else {
        assertEquals(2.0 / 0.7, v, 1e-12);
      }
    }
    // 10,000 draws of probability 0.3: the count is 3000 +- 46 (one standard deviation).
    assertTrue(dropped > 2800 && dropped < 3200, "dropped " + dropped);
    IllegalStateException outside = assertThrows(IllegalStateException.class, TrainingMode::random);
    assertTrue(outside.getMessage().contains("TrainingMode.on"), outside.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
  }

  @Test
  void dropoutIsReadAndWrittenAsTextAndABadProbabilityIsNamed() {
    Architecture a = Architecture.parse("affine(10) relu Dropout( 0.50 ) affine(10) dropout(0.125) dropout(0)");
    assertEquals("affine(10) relu dropout(0.5) affine(10) dropout(0.125) dropout(0)", a.text());
    assertEquals(a, Architecture.parse(a.text()));
    assertTrue(a.feedForward(List.of(784)).isEmpty(), "a net with dropout is not the chapter's MLP");
    assertTrue(Architecture.parse("dropout(0.2) conv(3,3) affine(10)").takesImages());
    for (String bad : List.of("dropout(1)", "dropout(1.5)", "dropout()", "dropout(x)", "dropout(0.5.1)")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse(bad), bad);
      assertTrue(e.getMessage().contains("dropout's probability, a number in [0, 1)"), e.getMessage());
    }
  }

  @Test
  void theGradientOfANetWithDropoutMatchesCentralDifferencesWithItsMasks() {
    GradientChecker.centralDifferences().checkModel(net(5), rows(), TARGETS).assertRelativeErrorBelow(1e-6);
  }

  @Test
  void aStepDropsButTheLossAndPredictionsEvaluate() {
    Net net = net(5);
    double evaluated = net.loss(rows(), TARGETS);
    assertEquals(evaluated, net.loss(rows(), TARGETS), "evaluation draws nothing");
    double trainingLoss = net.lossAndGradient(rows(), TARGETS);
    assertNotEquals(evaluated, trainingLoss, "the step's loss is taken with its dropout masks");
    double inScope;
    try (TrainingMode.Scope mode = TrainingMode.on(new SeededRandom(9))) {
      inScope = net.loss(rows(), TARGETS);
    }
    assertNotEquals(evaluated, inScope, "inside a training scope the loss drops too");
  }

  @Test
  void theSeedOfTheNetFixesItsMasks() {
    double[] first = gradientOfW1(net(5));
    assertArrayEquals(first, gradientOfW1(net(5)), "one seed, one run");
    Net other = net(5);
    other.seedTrainingDraws(77);
    assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(gradientOfW1(other)),
        "another stream draws other masks");
    Net stepped = net(5);
    gradientOfW1(stepped);
    assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(gradientOfW1(stepped)),
        "each step draws new masks");
  }

  private static double[] gradientOfW1(Net net) {
    return net.gradient(rows(), TARGETS).get("W1").toDoubleArray();
  }

  @Test
  void aNetWithDropoutSavesAndLoadsAndScoresTheSame() throws IOException {
    Net net = net(5);
    Path file = dir.resolve("dropout.npz");
    ModelFile.save(file, net);
    Net loaded = ModelFile.load(file, reference(), Activation.SIGMOID).net();
    assertEquals(NET, loaded.architecture().text());
    assertArrayEquals(net.predict(rows()).toDoubleArray(), loaded.predict(rows()).toDoubleArray());
  }

  @Test
  void theBooksDeepConvNetHasTheBooksLayersAndHeInitialization() {
    Preset preset = Preset.named("deep-conv").orElseThrow();
    assertEquals(WeightInit.he(), preset.weightInit());
    assertEquals(0.001, preset.learningRate());
    Net net = Net.builder(preset.architecture(), 1, 28, 28).weightInit(preset.weightInit()).backend(reference())
        .build();
    // The book's DeepConvNet: W1..W6 the convolutions, W7 (64 * 4 * 4, 50), W8 (50, 10).
    List<List<Integer>> weights = net.parameters().stream().filter(p -> p.name().startsWith("W"))
        .map(p -> java.util.Arrays.stream(p.value().shape()).boxed().toList()).toList();
    assertEquals(List.of(List.of(16, 1, 3, 3), List.of(16, 16, 3, 3), List.of(32, 16, 3, 3), List.of(32, 32, 3, 3),
        List.of(64, 32, 3, 3), List.of(64, 64, 3, 3), List.of(1024, 50), List.of(50, 10)), weights);
    // He: standard deviation sqrt(2 / inputs); W7 has 1024 * 50 draws, within 2 % of sqrt(2 / 1024).
    double[] w7 = net.parameters().get(12).value().toDoubleArray();
    double sumSq = 0;
    for (double v : w7) {
      sumSq += v * v;
    }
    assertEquals(Math.sqrt(2.0 / 1024), Math.sqrt(sumSq / w7.length), 0.02 * Math.sqrt(2.0 / 1024));
    assertTrue(preset.architecture().text().endsWith("affine(50) relu dropout(0.5) affine(10) dropout(0.5)"));
  }
}
