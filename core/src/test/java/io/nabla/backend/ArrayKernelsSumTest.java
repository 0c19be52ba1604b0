package io.nabla.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plain-loop sum takes four outputs at once for speed; each output must keep the bits of the
 * definition (start at 0, add the elements in order in double, round once), which the conformance
 * suite, comparing within a tolerance, would not notice losing.
 */
class ArrayKernelsSumTest {

  private final FloatArrayKernels floats = new FloatArrayKernels() {
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
        float[] b, float beta, float[] c) {
      throw new UnsupportedOperationException("not needed here");
    }
  };
  private final DoubleArrayKernels doubles = new DoubleArrayKernels() {
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
        double[] b, double beta, double[] c) {
      throw new UnsupportedOperationException("not needed here");
    }
  };

  @ParameterizedTest(name = "outer={0} length={1} inner={2}")
  @CsvSource({"1,100,10", "1,100,50", "3,7,9", "2,1,4", "1,0,6", "0,3,5", "2,5,0", "3,9,1", "1,13,3"})
  void eachSumHasTheBitsOfAddingItsElementsInOrder(int outer, int length, int inner) {
    SplittableRandom random = new SplittableRandom(outer * 1000 + length * 10 + inner);
    float[] xf = new float[outer * length * inner];
    double[] xd = new double[xf.length];
    for (int i = 0; i < xf.length; i++) {
      // Magnitudes over many orders and both signs (and -0.0), so that order changes the bits.
      xd[i] = i % 11 == 5 ? -0.0 : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 7));
      xf[i] = (float) xd[i];
    }
    float[] outF = new float[outer * inner];
    double[] outD = new double[outer * inner];
    floats.reduce(ReduceOp.SUM, outer, length, inner, xf, outF);
    doubles.reduce(ReduceOp.SUM, outer, length, inner, xd, outD);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double sumF = 0;
        double sumD = 0;
        for (int l = 0; l < length; l++) {
          sumF += xf[(o * length + l) * inner + i];
          sumD += xd[(o * length + l) * inner + i];
        }
        assertEquals(Float.floatToRawIntBits((float) sumF), Float.floatToRawIntBits(outF[o * inner + i]),
            "float32 sum " + o + "," + i);
        assertEquals(Double.doubleToRawLongBits(sumD), Double.doubleToRawLongBits(outD[o * inner + i]),
            "float64 sum " + o + "," + i);
      }
    }
  }
}
