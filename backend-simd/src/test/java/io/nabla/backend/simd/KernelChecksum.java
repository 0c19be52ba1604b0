package io.nabla.backend.simd;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Prints a checksum of the bits of {@link DeterministicExp}, the SIMD sigmoid and the SIMD row
 * sums over fixed inputs, vector and scalar, float32 and float64: run in a child JVM in the
 * interpreter and compared with the compiled code's, by {@link DeterministicExpTest}.
 */
public final class KernelChecksum {

  private KernelChecksum() {}

  /** The checksum over 4096 inputs per dtype, spanning the whole range and the edges. */
  static long checksum() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 4096;
    float[] xf = new float[n];
    double[] xd = new double[n];
    for (int i = 0; i < n; i++) {
      xf[i] = (float) random.nextDouble(-110, 95);
      xd[i] = random.nextDouble(-750, 715);
    }
    float[] yf = new float[n];
    double[] yd = new double[n];
    long sum = 0;
    int vf = FloatVector.SPECIES_PREFERRED.length();
    for (int i = 0; i < n; i += vf) {
      DeterministicExp.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, xf, i))
          .intoArray(yf, i);
    }
    for (int i = 0; i < n; i++) {
      sum = sum * 31 + Float.floatToRawIntBits(yf[i]) + Float.floatToRawIntBits(
          DeterministicExp.exp(xf[i]));
    }
    int vd = DoubleVector.SPECIES_PREFERRED.length();
    for (int i = 0; i < n; i += vd) {
      DeterministicExp.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, xd, i))
          .intoArray(yd, i);
    }
    for (int i = 0; i < n; i++) {
      sum = sum * 31 + Double.doubleToRawLongBits(yd[i]) + Double.doubleToRawLongBits(
          DeterministicExp.exp(xd[i]));
    }
    new SimdFloatKernels().map(io.nabla.backend.UnaryOp.SIGMOID, n, xf, yf);
    for (int i = 0; i < n; i++) {
      sum = sum * 31 + Float.floatToRawIntBits(yf[i]);
    }
    // Row sums: 64 rows of 64, each one vector accumulation and a lane sum (the result depends on
    // the vector width, so the child JVM gets the parent's vector flags).
    float[] rows = new float[64];
    new SimdFloatKernels().reduce(io.nabla.backend.ReduceOp.SUM, 64, 64, 1, xf, rows);
    double[] rowsD = new double[64];
    new SimdDoubleKernels().reduce(io.nabla.backend.ReduceOp.SUM, 64, 64, 1, xd, rowsD);
    for (int i = 0; i < 64; i++) {
      sum = sum * 31 + Float.floatToRawIntBits(rows[i]) + Double.doubleToRawLongBits(rowsD[i]);
    }
    return sum;
  }

  /** Prints {@code checksum N}. */
  public static void main(String[] args) {
    System.out.println("checksum " + checksum());
  }
}
