package io.nabla.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code e^x} on vectors from plain lane-wise operations only (fused multiply-add, add, multiply,
 * min, max, integer add and shift, bit reinterpretation), each of which IEEE 754 or the JLS
 * defines exactly: the interpreter, C1 and C2 give the same bits, and so does the scalar twin of
 * each method, used for the lanes past the last whole vector. (The Vector API's own {@code EXP}
 * is computed by SVML when compiled and by {@code Math.exp} before that, which differ in the last
 * bit and made results depend on the JIT's state.)
 *
 * <p>Method: {@code x = k ln 2 + r} with {@code k = round(x / ln 2)} and {@code |r| <= ln 2 / 2}
 * (Cody and Waite: {@code ln 2} in two parts, so r is exact to the last bits), {@code e^r} by its
 * Taylor polynomial in Horner form (degree 7 for float32, 13 for float64: truncation below a
 * twentieth of an ulp), then the product with {@code 2^k} built from exponent bits, in two
 * halves so that results near overflow and in the subnormal range round once. Inputs are first
 * clamped to where the result is neither 0 nor infinite; NaN stays NaN. Error against {@code
 * Math.exp} rounded to the dtype, measured by {@code DeterministicExpTest}: at most 1 ulp, subnormal
 * results included; equal in 99.5 % of 140 million float32 inputs (every 16th float from -104 to
 * 89) and in 94 % of 4 million random float64 inputs.
 */
final class DeterministicExp {

  private DeterministicExp() {}

  // ---- float32 --------------------------------------------------------------------------------

  /** 1.5 * 2^23: adding it rounds a float to an integer held in its low mantissa bits. */
  private static final float F_ROUND = 0x1.8p23f;
  private static final float F_LOG2E = 1.44269504088896341f;
  private static final float F_LN2_HI = 0.693145751953125f;
  private static final float F_LN2_LO = 1.42860682030941723e-6f;
  /** e^x is 0 in float32 below this (half the smallest subnormal) and infinite above the other. */
  private static final float F_MIN = -104f;
  private static final float F_MAX = 89f;
  private static final float[] F_TAYLOR = {
    1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 1f / 2, 1f, 1f
  };

  /** {@code e^x} lane by lane. */
  static FloatVector exp(FloatVector x) {
    FloatVector v = x.max(F_MIN).min(F_MAX);
    FloatVector shifted = v.fma(F_LOG2E, F_ROUND);
    FloatVector k = shifted.sub(F_ROUND);
    FloatVector r = k.fma(FloatVector.broadcast(x.species(), -F_LN2_HI), v);
    r = k.fma(FloatVector.broadcast(x.species(), -F_LN2_LO), r);
    FloatVector p = FloatVector.broadcast(x.species(), F_TAYLOR[0]);
    for (int i = 1; i < F_TAYLOR.length; i++) {
      p = p.fma(r, FloatVector.broadcast(x.species(), F_TAYLOR[i]));
    }
    // k = k1 + k2, both halves within the normal exponent range.
    FloatVector k1 = k.fma(0.5f, F_ROUND).sub(F_ROUND);
    FloatVector k2 = k.sub(k1);
    return p.mul(powerOfTwo(k1)).mul(powerOfTwo(k2));
  }

  /** {@code 2^k} for an integral k in [-126, 127], from the exponent bits. */
  private static FloatVector powerOfTwo(FloatVector k) {
    IntVector bits = (IntVector) k.add(F_ROUND).reinterpretAsInts();
    // The low bits of (k + F_ROUND) are k (plus bits the shift pushes out).
    return (FloatVector) bits.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  /** {@code e^x}, bit for bit what {@link #exp(FloatVector)} gives in a lane. */
  static float exp(float x) {
    float v = Math.min(Math.max(x, F_MIN), F_MAX);
    float k = Math.fma(v, F_LOG2E, F_ROUND) - F_ROUND;
    float r = Math.fma(k, -F_LN2_HI, v);
    r = Math.fma(k, -F_LN2_LO, r);
    float p = F_TAYLOR[0];
    for (int i = 1; i < F_TAYLOR.length; i++) {
      p = Math.fma(p, r, F_TAYLOR[i]);
    }
    float k1 = Math.fma(k, 0.5f, F_ROUND) - F_ROUND;
    float k2 = k - k1;
    return p * powerOfTwo(k1) * powerOfTwo(k2);
  }

  private static float powerOfTwo(float k) {
    return Float.intBitsToFloat((Float.floatToRawIntBits(k + F_ROUND) + 127) << 23);
  }

  // ---- float64 --------------------------------------------------------------------------------

  /** 1.5 * 2^52: adding it rounds a double to an integer held in its low mantissa bits. */
  private static final double D_ROUND = 0x1.8p52;
  private static final double D_LOG2E = 1.4426950408889634;
  private static final double D_LN2_HI = 0.6931471803691238;
  private static final double D_LN2_LO = 1.9082149292705877e-10;
  private static final double D_MIN = -746;
  private static final double D_MAX = 710;
  private static final double[] D_TAYLOR = taylor(13);

  /** 1/13!, 1/12!, ..., 1/1!, 1/0!: the Taylor coefficients of e^r, highest degree first. */
  private static double[] taylor(int degree) {
    double[] c = new double[degree + 1];
    double factorial = 1;
    c[degree] = 1;
    for (int i = 1; i <= degree; i++) {
      factorial *= i;
      c[degree - i] = 1 / factorial;
    }
    return c;
  }

  /** {@code e^x} lane by lane. */
  static DoubleVector exp(DoubleVector x) {
    DoubleVector v = x.max(D_MIN).min(D_MAX);
    DoubleVector k = v.fma(D_LOG2E, D_ROUND).sub(D_ROUND);
    DoubleVector r = k.fma(DoubleVector.broadcast(x.species(), -D_LN2_HI), v);
    r = k.fma(DoubleVector.broadcast(x.species(), -D_LN2_LO), r);
    DoubleVector p = DoubleVector.broadcast(x.species(), D_TAYLOR[0]);
    for (int i = 1; i < D_TAYLOR.length; i++) {
      p = p.fma(r, DoubleVector.broadcast(x.species(), D_TAYLOR[i]));
    }
    DoubleVector k1 = k.fma(0.5, D_ROUND).sub(D_ROUND);
    DoubleVector k2 = k.sub(k1);
    return p.mul(powerOfTwo(k1)).mul(powerOfTwo(k2));
  }

  /** {@code 2^k} for an integral k in [-1022, 1023], from the exponent bits. */
  private static DoubleVector powerOfTwo(DoubleVector k) {
    LongVector bits = (LongVector) k.add(D_ROUND).reinterpretAsLongs();
    return (DoubleVector) bits.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
  }

  /** {@code e^x}, bit for bit what {@link #exp(DoubleVector)} gives in a lane. */
  static double exp(double x) {
    double v = Math.min(Math.max(x, D_MIN), D_MAX);
    double k = Math.fma(v, D_LOG2E, D_ROUND) - D_ROUND;
    double r = Math.fma(k, -D_LN2_HI, v);
    r = Math.fma(k, -D_LN2_LO, r);
    double p = D_TAYLOR[0];
    for (int i = 1; i < D_TAYLOR.length; i++) {
      p = Math.fma(p, r, D_TAYLOR[i]);
    }
    double k1 = Math.fma(k, 0.5, D_ROUND) - D_ROUND;
    double k2 = k - k1;
    return p * powerOfTwo(k1) * powerOfTwo(k2);
  }

  private static double powerOfTwo(double k) {
    return Double.longBitsToDouble((Double.doubleToRawLongBits(k + D_ROUND) + 1023) << 52);
  }
}
