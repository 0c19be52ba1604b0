package io.nabla.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.UnaryOp;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link DeterministicExp}: its error against {@code Math.exp}, its special values, its vector and
 * scalar forms agreeing bit for bit, and the same bits in the interpreter as in compiled code.
 */
class DeterministicExpTest {

  /** Every 16th float from -104 to 89 (140 million inputs, normal and subnormal results). */
  @Test
  void float32IsWithinOneUlpOfMathExp() {
    double worst = 0;
    float worstAt = 0;
    long count = 0;
    long exact = 0;
    int low = Float.floatToRawIntBits(-104f);
    int high = Float.floatToRawIntBits(89f);
    // Negative floats run from -0 (0x80000000) up to -104 in bit order; positives from +0 to 89.
    for (long bits = 0; bits <= high + (low & 0x7fffffffL); bits += 16) {
      float v = bits <= high ? Float.intBitsToFloat((int) bits)
          : Float.intBitsToFloat((int) (0x80000000L + bits - high));
      float expected = (float) Math.exp(v);
      float actual = DeterministicExp.exp(v);
      double ulps = Math.abs((double) actual - expected) / Math.ulp(expected);
      count++;
      exact += actual == expected ? 1 : 0;
      if (ulps > worst) {
        worst = ulps;
        worstAt = v;
      }
    }
    System.out.printf("float32 exp: %d inputs, %.2f%% equal to (float) Math.exp, worst %.3f ulp"
        + " at %s%n", count, 100.0 * exact / count, worst, worstAt);
    assertTrue(count > 130_000_000, "covered " + count);
    assertTrue(worst <= 1, "float32 exp is " + worst + " ulp off at " + worstAt);
  }

  /** 4 million random inputs over the whole range, and the subnormal edge. */
  @Test
  void float64IsWithinOneUlpOfMathExp() {
    SplittableRandom random = new SplittableRandom(7);
    double worst = 0;
    double worstAt = 0;
    int n = 4_000_000;
    int exact = 0;
    for (int i = 0; i < n; i++) {
      double v = i < 1000 ? -745.1 + i * 0.05 : random.nextDouble(-746, 710);
      double expected = Math.exp(v);
      double actual = DeterministicExp.exp(v);
      double ulps = Math.abs(actual - expected) / Math.ulp(expected);
      exact += actual == expected ? 1 : 0;
      if (ulps > worst) {
        worst = ulps;
        worstAt = v;
      }
    }
    System.out.printf("float64 exp: %d inputs, %.2f%% equal to Math.exp, worst %.3f ulp at %s%n",
        n, 100.0 * exact / n, worst, worstAt);
    assertTrue(worst <= 1, "float64 exp is " + worst + " ulp off at " + worstAt);
  }

  @Test
  void specialValues() {
    assertEquals(1f, DeterministicExp.exp(0f));
    assertEquals(1f, DeterministicExp.exp(-0f));
    assertEquals(Float.POSITIVE_INFINITY, DeterministicExp.exp(89f));
    assertEquals(Float.POSITIVE_INFINITY, DeterministicExp.exp(Float.POSITIVE_INFINITY));
    assertEquals(0f, DeterministicExp.exp(-104f));
    assertEquals(0f, DeterministicExp.exp(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(DeterministicExp.exp(Float.NaN)));
    assertEquals((float) Math.exp(88.7f), DeterministicExp.exp(88.7f));
    assertEquals(1d, DeterministicExp.exp(0d));
    assertEquals(Math.E, DeterministicExp.exp(1d), Math.ulp(Math.E));
    assertEquals(Double.POSITIVE_INFINITY, DeterministicExp.exp(710d));
    assertEquals(Double.POSITIVE_INFINITY, DeterministicExp.exp(Double.POSITIVE_INFINITY));
    assertEquals(0d, DeterministicExp.exp(-746d));
    assertEquals(0d, DeterministicExp.exp(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(DeterministicExp.exp(Double.NaN)));
    assertEquals(Double.MIN_VALUE, DeterministicExp.exp(-744.5), Double.MIN_VALUE);
  }

  @Test
  void vectorAndScalarAgreeBitForBit() {
    SplittableRandom random = new SplittableRandom(3);
    int vf = FloatVector.SPECIES_PREFERRED.length();
    int vd = DoubleVector.SPECIES_PREFERRED.length();
    float[] special = {0f, -0f, 89f, -104f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 88.72f, -87.4f, -103.9f, 1e-30f, -1e-30f};
    for (int round = 0; round < 20_000; round++) {
      float[] xf = new float[vf];
      double[] xd = new double[vd];
      for (int i = 0; i < vf; i++) {
        xf[i] = round == 0 && i < special.length ? special[i] : (float) random.nextDouble(-110, 95);
      }
      for (int i = 0; i < vd; i++) {
        xd[i] = random.nextDouble(-750, 715);
      }
      float[] yf = new float[vf];
      double[] yd = new double[vd];
      DeterministicExp.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, xf, 0))
          .intoArray(yf, 0);
      DeterministicExp.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, xd, 0))
          .intoArray(yd, 0);
      for (int i = 0; i < vf; i++) {
        assertEquals(Float.floatToRawIntBits(DeterministicExp.exp(xf[i])),
            Float.floatToRawIntBits(yf[i]), "float32 lane " + i + " at " + xf[i]);
      }
      for (int i = 0; i < vd; i++) {
        assertEquals(Double.doubleToRawLongBits(DeterministicExp.exp(xd[i])),
            Double.doubleToRawLongBits(yd[i]), "float64 lane " + i + " at " + xd[i]);
      }
    }
  }

  @Test
  void sigmoidOfTheVectorLoopEqualsItsScalarTail() {
    float[] x = new float[3 * FloatVector.SPECIES_PREFERRED.length() + 3];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-20, 20);
    }
    float[] y = new float[x.length];
    new SimdFloatKernels().map(UnaryOp.SIGMOID, x.length, x, y);
    for (int i = 0; i < x.length; i++) {
      assertEquals(SimdFloatKernels.sigmoid(x[i]), y[i], 0f, "sigmoid at " + x[i]);
      assertEquals(1 / (1 + Math.exp(-x[i])), y[i], 1.2e-7, "sigmoid at " + x[i]);
    }
  }

  /**
   * The interpreter (-Xint) computes the same bits as this JVM's compiled code: exp, sigmoid and
   * the row sums.
   */
  @Test
  void interpreterAndCompiledCodeGiveTheSameBits() throws Exception {
    long compiled = 0;
    for (int warm = 0; warm < 200; warm++) {
      compiled = KernelChecksum.checksum();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Xint", "--add-modules",
        SimdBackend.VECTOR_MODULE));
    // The same vector width and ISA as this JVM (the build also runs with narrower vectors).
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-XX:MaxVectorSize") || arg.startsWith("-XX:UseAVX")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", classPath, KernelChecksum.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), output);
    assertTrue(output.contains("checksum " + compiled), "compiled " + compiled + ", -Xint: " + output);
  }
}
