package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.layer.Parameter;
import io.nabla.tensor.Tensor;
import io.nabla.testing.ReferenceBackend;
import org.junit.jupiter.api.Test;

/** He, Xavier and the chapter's initial weights: their text, their scale per layer, and the chapter's bits kept. */
class WeightInitTest {

  private static Backend reference() {
    return Backends.get(ReferenceBackend.NAME);
  }

  @Test
  void theRulesAreReadAndWrittenByName() {
    assertEquals(WeightInit.he(), WeightInit.parse(" He "));
    assertEquals(WeightInit.xavier(), WeightInit.parse("xavier"));
    assertEquals(WeightInit.CHAPTER, WeightInit.parse("normal"));
    assertEquals(WeightInit.normal(0.05), WeightInit.parse("normal(0.05)"));
    for (WeightInit init : new WeightInit[] {WeightInit.he(), WeightInit.xavier(), WeightInit.normal(0.05)}) {
      assertEquals(init, WeightInit.parse(init.label()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightInit.parse("kaiming"));
    assertEquals("weight init 'kaiming': expected he, xavier, normal or normal(STD) with STD a number >= 0",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WeightInit.parse("normal(-1)"));
    assertEquals(Math.sqrt(2.0 / 25), WeightInit.he().stdFor(25));
    assertEquals(Math.sqrt(1.0 / 100), WeightInit.xavier().stdFor(100));
    assertEquals(0.01, WeightInit.CHAPTER.stdFor(4320));
  }

  /** The sample standard deviation of a weight's elements. */
  private static double std(Parameter p) {
    Tensor w = p.value();
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < w.size(); i++) {
      sum += w.getFlat(i);
      squares += w.getFlat(i) * w.getFlat(i);
    }
    double mean = sum / w.size();
    return Math.sqrt(squares / w.size() - mean * mean);
  }

  @Test
  void heScalesEachLayerToItsInputsAConvolutionsBeingChannelsTimesItsWindow() {
    Net net = Net.builder(Preset.SIMPLE_CONV.architecture(), 1, 28, 28).weightInit(WeightInit.he())
        .backend(reference()).build();
    // W1 [30, 1, 5, 5]: 25 inputs, 750 draws; W2 [4320, 100]: 432000 draws; W3 [100, 10]: 1000 draws.
    double[] inputs = {25, 4320, 100};
    double[] tolerance = {0.06, 0.005, 0.05};
    for (int k = 0; k < 3; k++) {
      double want = Math.sqrt(2 / inputs[k]);
      double got = std(net.parameters().get(2 * k));
      assertTrue(Math.abs(got / want - 1) < tolerance[k], "W" + (k + 1) + ": std " + got + ", He's " + want);
      assertEquals(0, net.parameters().get(2 * k + 1).value().sum(), "b" + (k + 1) + " starts at zero");
    }
  }

  @Test
  void aFullyConnectedNetDrawsTheSameWeightsByTextOrAsTheChaptersNet() {
    Net fromText = Net.builder("affine(50) relu affine(10)", 784).weightInit(WeightInit.xavier()).seed(3)
        .backend(reference()).build();
    TwoLayerNet chapter = TwoLayerNet.builder(784, 50, 10).activation(Activation.RELU).weightInit(WeightInit.xavier())
        .seed(3).backend(reference()).build();
    for (int i = 0; i < chapter.parameters().size(); i++) {
      assertArrayEquals(chapter.parameters().get(i).value().toDoubleArray(),
          fromText.parameters().get(i).value().toDoubleArray());
    }
    // The chapter's rule is the default, to the bit.
    TwoLayerNet byDefault = TwoLayerNet.builder(784, 50, 10).backend(reference()).build();
    TwoLayerNet byRule = TwoLayerNet.builder(784, 50, 10).weightInit(WeightInit.CHAPTER).backend(reference()).build();
    assertArrayEquals(byDefault.parameters().get(0).value().toDoubleArray(),
        byRule.parameters().get(0).value().toDoubleArray());
  }
}
