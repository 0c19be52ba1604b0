package io.nabla.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.DType;
import io.nabla.backend.HeapBackend;
import io.nabla.backend.Storage;
import io.nabla.tensor.ConvolutionOps;
import io.nabla.tensor.OptimizerOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Through core's operations, the SIMD backend's fused kernels give the bits of core's own
 * composition of the same backend's kernels (the backend with both fusions declined): a change on
 * either side that moves a bit, in the fused kernel or in core's composition, fails here.
 */
class FusedKernelsAgreeWithCoreTest {

  /** The SIMD kernels with {@code convolve} and {@code adamStep} declined, so core composes them. */
  private static final class ComposingSimd extends HeapBackend {
    ComposingSimd() {
      super(() -> new SimdFloatKernels(), () -> new SimdDoubleKernels());
    }

    @Override
    public String name() {
      return "simd-composing";
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public Availability availability() {
      return new SimdBackend().availability();
    }

    @Override
    public boolean convolve(ConvGeometry g, int filters, Storage images, Storage weights,
        Storage bias, Storage out) {
      return false;
    }

    @Override
    public boolean adamStep(int n, double firstRate, double secondRate, double epsilon,
        double stepSize, Storage grad, Storage first, Storage second, Storage weights) {
      return false;
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamStepsGiveTheBitsOfCoresComposition(DType dtype) {
    Backend[] backends = {new SimdBackend(), new ComposingSimd()};
    double[][] results = new double[2][];
    for (int b = 0; b < 2; b++) {
      SplittableRandom random = new SplittableRandom(11);
      int n = 1003; // whole vectors and a tail
      Tensor grad = tensor(backends[b], dtype, random, -1, n);
      Tensor first = tensor(backends[b], dtype, random, -1, n);
      Tensor second = tensor(backends[b], dtype, random, 0, n);
      Tensor weights = tensor(backends[b], dtype, random, -1, n);
      Tensor scratch = Tensors.zeros(backends[b], dtype, n);
      for (int step = 1; step <= 3; step++) {
        OptimizerOps.adamStep(grad, first, second, weights, () -> scratch, 0.1, 0.001, 1e-7, 0.001 * step);
      }
      results[b] = concat(first, second, weights);
    }
    assertSameBits("adam " + dtype, results[0], results[1]);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void convolutionsGiveTheBitsOfCoresComposition(DType dtype) {
    // SimpleConvNet's layer, and one with padding, channels and filters past a tile.
    int[][] cases = {{4, 1, 28, 28, 5, 0, 30}, {2, 3, 9, 9, 3, 1, 8}};
    for (int[] c : cases) {
      for (boolean withBias : new boolean[] {true, false}) {
        ConvGeometry g = new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[4], 1, c[5]);
        checkConvolution(dtype, g, c[6], withBias);
      }
    }
  }

  private static void checkConvolution(DType dtype, ConvGeometry g, int filterCount, boolean withBias) {
    Backend[] backends = {new SimdBackend(), new ComposingSimd()};
    double[][] results = new double[2][];
    for (int b = 0; b < 2; b++) {
      SplittableRandom random = new SplittableRandom(12);
      Tensor images = tensor(backends[b], dtype, random, -1, g.batch(), g.channels(), g.height(), g.width());
      Tensor filters = tensor(backends[b], dtype, random, -1, filterCount, g.channels(), g.kernelHeight(),
          g.kernelWidth());
      Tensor bias = withBias ? tensor(backends[b], dtype, random, -1, filterCount) : null;
      ConvolutionOps.Convolved convolved = ConvolutionOps.convolve(images, filters, bias, g);
      if (b == 0) {
        assertNull(convolved.columns(), "the SIMD backend convolved directly " + g);
      } else {
        assertNotNull(convolved.columns(), "core composed the convolution " + g);
      }
      results[b] = convolved.out().toDoubleArray();
    }
    assertSameBits("convolve " + dtype + " " + g + (withBias ? " with bias" : ""), results[0], results[1]);
  }

  private static Tensor tensor(Backend backend, DType dtype, SplittableRandom random, double low, int... shape) {
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = i % 9 == 4 ? 0 : random.nextDouble(low, 1);
    }
    return Tensors.of(backend, values, dtype, shape);
  }

  private static double[] concat(Tensor... tensors) {
    return java.util.Arrays.stream(tensors).flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray())).toArray();
  }

  private static void assertSameBits(String context, double[] fused, double[] composed) {
    assertEquals(composed.length, fused.length, context);
    for (int i = 0; i < fused.length; i++) {
      int at = i;
      assertEquals(Double.doubleToRawLongBits(composed[i]), Double.doubleToRawLongBits(fused[i]),
          () -> context + ": element " + at);
    }
  }
}
