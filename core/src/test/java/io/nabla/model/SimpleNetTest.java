package io.nabla.model;

import io.nabla.gradcheck.GradientChecker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nabla.loss.Targets;
import io.nabla.backend.DType;
import io.nabla.testing.ReferenceBackend;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chapter's simpleNet with its printed weights (CHAPTER.md, "Gradient of a network"): the
 * numerical gradient; prediction and backprop are in {@link io.nabla.testing.LearningSuite}.
 */
class SimpleNetTest {

  @ParameterizedTest
  @EnumSource(DType.class)
  void numericalGradientIsTheChapters(DType dtype) {
    SimpleNet net = SimpleNet.withChaptersWeight(io.nabla.backend.Backends.get(ReferenceBackend.NAME), dtype);
    Tensor x = Tensors.vector(io.nabla.backend.Backends.get(ReferenceBackend.NAME), dtype, 0.6, 0.9);
    Targets t = Targets.oneHot(Tensors.vector(x.backend(), dtype, 0, 0, 1));
    // NumPy with the chapter's code: 0.9280682857864075 (its 1e-7 guard changes the 7th digit).
    assertEquals(0.9280682857864075, net.loss(x, t), 1e-6);
    Map<String, Tensor> numerical = GradientChecker.centralDifferences().numericalGradient(net, x, t);
    // NumPy: [[0.21924757, 0.14356243, -0.36281], [0.32887136, 0.21534364, -0.544215]].
    double[] expected = {0.21924757, 0.14356243, -0.36281, 0.32887136, 0.21534364, -0.544215};
    assertArrayEquals(expected, numerical.get("W").toDoubleArray(), 1e-6);
    assertEquals(1.0, net.accuracy(x, t));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void randomWeightsAreReproducible(DType dtype) {
    assertArrayEquals(SimpleNet.random(io.nabla.backend.Backends.get(ReferenceBackend.NAME), 5, dtype).weight().toDoubleArray(),
        SimpleNet.random(io.nabla.backend.Backends.get(ReferenceBackend.NAME), 5, dtype).weight().toDoubleArray());
    assertArrayEquals(new int[] {2, 3}, SimpleNet.random(io.nabla.backend.Backends.get(ReferenceBackend.NAME), 5, dtype).weight().shape());
  }
}
