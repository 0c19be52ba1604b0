package io.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chapter's loss values (CHAPTER.md, "Loss functions") and the batch forms. */
class LossTest {

  // The book's 10-class example, correct class 2 (CHAPTER.md).
  private static final double[] T = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
  private static final double[] Y_RIGHT = {0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0};
  private static final double[] Y_WRONG = {0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0};

  private final Loss mse = new MeanSquaredError();
  private final Loss crossEntropy = new CrossEntropy();

  @ParameterizedTest
  @EnumSource(DType.class)
  void chapterExampleValues(DType dtype) {
    Targets t = Targets.oneHot(Tensors.vector(dtype, T));
    double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
    // Values from CHAPTER.md: MSE 0.0975 / 0.5975, CE 0.5108 / 2.3026 (printed to 4 places).
    assertEquals(0.0975, mse.value(Tensors.vector(dtype, Y_RIGHT), t), tol);
    assertEquals(0.5975, mse.value(Tensors.vector(dtype, Y_WRONG), t), tol);
    assertEquals(0.5108, crossEntropy.value(Tensors.vector(dtype, Y_RIGHT), t), 1e-4);
    assertEquals(2.3026, crossEntropy.value(Tensors.vector(dtype, Y_WRONG), t), 1e-4);
    // With class indices instead of one-hot rows the values are the same.
    assertEquals(0.5108, crossEntropy.value(Tensors.vector(dtype, Y_RIGHT), Targets.labels(2)), 1e-4);
    assertEquals(0.5975, mse.value(Tensors.vector(dtype, Y_WRONG), Targets.labels(2)), tol);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void seedsOwnExampleWithSwappedArguments(DType dtype) {
    // The seed calls mean_squared_error with y one-hot and t the probabilities: 0.0925 (CHAPTER.md).
    Tensor y = Tensors.vector(dtype, 0, 0, 1, 0, 0, 0, 0);
    Tensor t = Tensors.vector(dtype, 0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0);
    assertEquals(0.0925, mse.value(y, Targets.oneHot(t)), 1e-6);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void batchLossIsTheMeanOfTheSampleLosses(DType dtype) {
    Tensor y = Tensors.matrix(dtype, new double[][] {Y_RIGHT, Y_WRONG});
    Tensor oneHot = Tensors.matrix(dtype, new double[][] {T, T});
    double right = crossEntropy.value(Tensors.vector(dtype, Y_RIGHT), Targets.labels(2));
    double wrong = crossEntropy.value(Tensors.vector(dtype, Y_WRONG), Targets.labels(2));
    double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
    assertEquals((right + wrong) / 2, crossEntropy.value(y, Targets.oneHot(oneHot)), tol);
    assertEquals((right + wrong) / 2, crossEntropy.value(y, Targets.labels(2, 2)), tol);
    assertEquals((0.0975 + 0.5975) / 2, mse.value(y, Targets.labels(2, 2)), tol);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void crossEntropyOfAZeroProbabilityIsFiniteAsInTheChapter(DType dtype) {
    Tensor y = Tensors.vector(dtype, 0, 1, 0);
    // -log(0 + 1e-7) = 16.118..., the chapter's guard against log(0).
    assertEquals(-Math.log(1e-7), crossEntropy.value(y, Targets.labels(0)), 1e-3);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void softmaxCrossEntropyEqualsCrossEntropyOfSoftmaxAndIsStable(DType dtype) {
    Tensor scores = Tensors.matrix(dtype, new double[][] {{1, 2, 3}, {0.5, -1, 2}});
    Targets t = Targets.labels(2, 0);
    double fused = new SoftmaxCrossEntropy().value(scores, t);
    double separate = crossEntropy.value(scores.softmax(), t);
    assertEquals(separate, fused, 1e-6);
    Tensor huge = Tensors.matrix(dtype, new double[][] {{1e4, 0, -1e4}});
    assertEquals(1e4, new SoftmaxCrossEntropy().value(huge, Targets.labels(1)), 1e-2);
    Tensor grad = new SoftmaxCrossEntropy().gradient(scores, t);
    Tensor expected = scores.softmax().sub(Tensors.oneHot(new int[] {2, 0}, 3, dtype)).mul(0.5);
    assertArrayEquals(expected.toDoubleArray(), grad.toDoubleArray(), 1e-7);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void mismatchedTargetsAreNamedErrors(DType dtype) {
    Tensor y = Tensors.zeros(dtype, 100, 10);
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> crossEntropy.value(y, Targets.oneHot(Tensors.zeros(dtype, 100, 9))));
    assertEquals("crossEntropy: y has shape [100, 10] but t has shape [100, 9]", shape.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> mse.value(y, Targets.labels(new int[99])));
    assertEquals("meanSquaredError: y has shape [100, 10] (100 samples) but 99 labels were given",
        count.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().value(Tensors.zeros(dtype, 1, 10), Targets.labels(10)));
    assertEquals("softmaxCrossEntropy: label 10 of sample 0 is outside [0, 10) for y of shape [1, 10]",
        label.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> mse.value(Tensors.zeros(dtype, 2, 2, 2), Targets.labels(0, 0)));
  }
}
