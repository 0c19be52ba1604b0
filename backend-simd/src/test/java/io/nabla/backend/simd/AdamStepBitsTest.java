package io.nabla.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.DType;
import io.nabla.backend.Storage;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.View;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD backend's fused Adam step gives the bits of its own kernels run one after another, as
 * core runs them where a backend declines: so Adam trains to the same parameters either way, in
 * both dtypes, on whatever vector width this JVM runs (CI also runs this with 128- and 256-bit
 * vectors).
 */
class AdamStepBitsTest {

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int n : new int[] {1, 7, 17, 64, 1000, 4321}) { // tails of every length, whole vectors
        cases.add(Arguments.of(dtype, n));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void fusedStepGivesTheBitsOfTheKernelsOneByOne(DType dtype, int n) {
    SimdBackend simd = new SimdBackend();
    SplittableRandom random = new SplittableRandom(n);
    Storage grad = random(simd, dtype, n, random, -1);
    Storage[] fused = {random(simd, dtype, n, random, -1), random(simd, dtype, n, random, 0),
        random(simd, dtype, n, random, -1)};
    Storage[] oneByOne = {copy(simd, dtype, fused[0]), copy(simd, dtype, fused[1]), copy(simd, dtype, fused[2])};
    double firstRate = 1 - 0.9;
    double secondRate = 1 - 0.999;
    double epsilon = 1e-7;
    double stepSize = 0.001 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.9 * 0.9);
    assertTrue(simd.adamStep(n, firstRate, secondRate, epsilon, stepSize, grad, fused[0], fused[1], fused[2]));

    Storage m = oneByOne[0];
    Storage v = oneByOne[1];
    Storage w = oneByOne[2];
    Storage t = simd.allocate(dtype, n);
    int[] shape = {n};
    View all = View.contiguous(shape);
    simd.binary(BinaryOp.SUBTRACT, shape, grad, all, m, all, t);
    simd.axpy(n, firstRate, t, m);
    simd.map(UnaryOp.SQUARE, n, grad, t);
    simd.binary(BinaryOp.SUBTRACT, shape, t, all, v, all, t);
    simd.axpy(n, secondRate, t, v);
    simd.map(UnaryOp.SQRT, n, v, t);
    simd.binaryScalar(BinaryOp.ADD, n, t, epsilon, t);
    simd.binary(BinaryOp.DIVIDE, shape, m, all, t, all, t);
    simd.binaryScalar(BinaryOp.MULTIPLY, n, t, dtype.round(stepSize), t);
    simd.binary(BinaryOp.SUBTRACT, shape, w, all, t, all, w);

    String[] names = {"first moment", "second moment", "weights"};
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < n; i++) {
        int at = i;
        String name = names[k];
        assertEquals(Double.doubleToRawLongBits(oneByOne[k].get(i)), Double.doubleToRawLongBits(fused[k].get(i)),
            () -> dtype + " n=" + n + ": " + name + " element " + at);
      }
    }
  }

  /** Uniform values in [low, 1), every fifth an exact zero. */
  private static Storage random(SimdBackend simd, DType dtype, int n, SplittableRandom random, double low) {
    Storage s = simd.allocate(dtype, n);
    for (int i = 0; i < n; i++) {
      s.set(i, i % 5 == 2 ? 0 : random.nextDouble(low, 1));
    }
    return s;
  }

  private static Storage copy(SimdBackend simd, DType dtype, Storage from) {
    Storage s = simd.allocate(dtype, from.length());
    for (int i = 0; i < from.length(); i++) {
      s.set(i, from.get(i));
    }
    return s;
  }
}
