package io.nabla.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.ShapeMismatchException;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import org.junit.jupiter.api.Test;

/**
 * The values of convolution and pooling against their definitions, written as plain loops here
 * (the gradients are checked by central differences in {@code AutogradSuite}), and their errors.
 */
class ConvolutionTest {

  private static Tensor random(long seed, int... shape) {
    return Tensors.randomUniform(new SeededRandom(seed), -1, 1, DType.FLOAT64, shape);
  }

  /** out[n, f, y, x] = b[f] + sum over c, i, j of in[n, c, y*s + i - p, x*s + j - p] w[f, c, i, j]. */
  private static double[] directConvolution(Tensor in, Tensor w, Tensor b, int s, int p) {
    int n = in.dim(0), c = in.dim(1), h = in.dim(2), wd = in.dim(3);
    int f = w.dim(0), kh = w.dim(2), kw = w.dim(3);
    int oh = (h + 2 * p - kh) / s + 1, ow = (wd + 2 * p - kw) / s + 1;
    double[] out = new double[n * f * oh * ow];
    int at = 0;
    for (int i0 = 0; i0 < n; i0++) {
      for (int f0 = 0; f0 < f; f0++) {
        for (int y = 0; y < oh; y++) {
          for (int x = 0; x < ow; x++) {
            double sum = b.get(f0);
            for (int c0 = 0; c0 < c; c0++) {
              for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                  int row = y * s + i - p;
                  int col = x * s + j - p;
                  if (row >= 0 && row < h && col >= 0 && col < wd) {
                    sum += in.get(i0, c0, row, col) * w.get(f0, c0, i, j);
                  }
                }
              }
            }
            out[at++] = sum;
          }
        }
      }
    }
    return out;
  }

  @Test
  void aConvolutionIsTheSumOverEachWindowOfItsFilterPlusTheBias() {
    for (int[] sp : new int[][] {{1, 0}, {2, 1}, {1, 2}, {3, 1}}) {
      Tensor in = random(1, 2, 3, 7, 6);
      Tensor w = random(2, 4, 3, 3, 2);
      Tensor b = random(3, 4);
      Variable out = Variable.constant(in).conv2d(Variable.constant(w), Variable.constant(b), sp[0], sp[1]);
      int oh = (7 + 2 * sp[1] - 3) / sp[0] + 1;
      int ow = (6 + 2 * sp[1] - 2) / sp[0] + 1;
      assertArrayEquals(new int[] {2, 4, oh, ow}, out.shape());
      double[] want = directConvolution(in, w, b, sp[0], sp[1]);
      double[] got = out.value().toDoubleArray();
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-12, "stride " + sp[0] + " padding " + sp[1] + " element " + i);
      }
    }
  }

  @Test
  void poolingTakesTheMaximumOrTheMeanOfEachWindowOfEachChannel() {
    double[] values = new double[32];
    for (int i = 0; i < 16; i++) {
      values[i] = i; // channel 0: 0..15 row by row
      values[16 + i] = -i; // channel 1: 0..-15
    }
    Variable x = Variable.constant(Tensors.of(values, DType.FLOAT64, 1, 2, 4, 4));
    assertArrayEquals(new double[] {5, 7, 13, 15, 0, -2, -8, -10}, x.maxPool2d(2, 2).value().toDoubleArray());
    assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5, -2.5, -4.5, -10.5, -12.5},
        x.avgPool2d(2, 2).value().toDoubleArray());
    assertArrayEquals(new double[] {10, 11, 14, 15, 0, -1, -4, -5}, x.maxPool2d(3, 1).value().toDoubleArray());
  }

  @Test
  void aMaxPoolsGradientGoesToTheFirstMaximumOfATiedWindow() {
    // One 2x2 window of equal values (as after a ReLU), and one with a single maximum.
    Variable x = Variable.requiringGrad(Tensors.of(new double[] {0, 0, 1, 3, 0, 0, 2, 1}, DType.FLOAT64, 1, 1, 2, 4));
    x.maxPool2d(2, 2).sum().backward();
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0, 0, 0}, x.grad().toDoubleArray());
  }

  @Test
  void flattenKeepsTheBatchAxis() {
    Variable x = Variable.constant(random(4, 3, 2, 4, 5));
    assertArrayEquals(new int[] {3, 40}, x.flatten().shape());
    assertArrayEquals(x.value().toDoubleArray(), x.flatten().value().toDoubleArray());
  }

  @Test
  void misfitShapesAreNamedWithTheOperation() {
    Variable images = Variable.constant(random(5, 2, 3, 6, 6));
    Variable filters = Variable.constant(random(6, 4, 2, 3, 3));
    Variable bias = Variable.constant(random(7, 4));
    assertEquals("conv2d: filters [4, 2, 3, 3] take 2 channels but input [2, 3, 6, 6] has 3",
        assertThrows(ShapeMismatchException.class, () -> images.conv2d(filters, bias, 1, 0)).getMessage());
    assertEquals("conv2d: input [3, 6, 6] is not a batch of images [batch, channels, height, width]",
        assertThrows(ShapeMismatchException.class,
            () -> Variable.constant(random(8, 3, 6, 6)).conv2d(filters, 1, 0)).getMessage());
    assertEquals("maxPool2d: window 7x7 does not fit in input [2, 3, 6, 6] with padding 0",
        assertThrows(ShapeMismatchException.class, () -> images.maxPool2d(7, 7)).getMessage());
    assertEquals("avgPool2d: window 2x2, stride 0 and padding 0: the window and the stride must be at least 1"
        + " and the padding at least 0",
        assertThrows(IllegalArgumentException.class, () -> images.avgPool2d(2, 0)).getMessage());
    Variable wrongBias = Variable.constant(random(9, 3));
    assertEquals("conv2d: bias [3] does not fit 4 filters: expected [4]", assertThrows(
        ShapeMismatchException.class,
        () -> Variable.constant(random(10, 2, 2, 6, 6)).conv2d(filters, wrongBias, 1, 0)).getMessage());
  }
}
