package io.nabla.examples.properties;

import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.Backends;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.DType;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.ReductionOps;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.Tolerance;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based checks (jqwik, 1000 generated cases per kernel family): random shapes including
 * 1, 0 and sizes that are not multiples of the vector width, random values, both dtypes; every
 * available backend must agree with the plain-Java backend within the conformance tolerances.
 */
class KernelPropertiesTest {

  private static final Backend PURE = Backends.get("pure");

  private static List<Backend> others() {
    List<Backend> list = new ArrayList<>();
    for (Backend b : Backends.all()) {
      if (b.availability().available() && !b.name().equals("pure")) {
        list.add(b);
      }
    }
    return list;
  }

  private static Tensor random(long seed, double scale, DType dtype, int... shape) {
    return Tensors.randomUniform(new SeededRandom(seed), -scale, scale, dtype, shape).on(PURE);
  }

  private static DType dtype(boolean f32) {
    return f32 ? DType.FLOAT32 : DType.FLOAT64;
  }

  @Property(tries = 1000)
  void gemmAgrees(@ForAll @IntRange(min = 0, max = 37) int m, @ForAll @IntRange(min = 0, max = 37) int n,
      @ForAll @IntRange(min = 0, max = 70) int k, @ForAll boolean transA, @ForAll boolean transB,
      @ForAll boolean f32, @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    DType d = dtype(f32);
    Tensor a = transA ? random(seed, 1, d, k, m) : random(seed, 1, d, m, k);
    Tensor b = transB ? random(seed + 1, 1, d, n, k) : random(seed + 1, 1, d, k, n);
    Tensor expected = a.zerosLike(m, n);
    MatrixOps.gemm(transA, transB, 1.0, a, b, 0.0, expected);
    double tol = (k + 2) * 4 * Tolerance.unitRoundoff(d);
    for (Backend other : others()) {
      Tensor c = a.zerosLike(m, n).on(other);
      MatrixOps.gemm(transA, transB, 1.0, a.on(other), b.on(other), 0.0, c);
      Tolerance.assertClose(other.name() + " gemm m=" + m + " n=" + n + " k=" + k, expected, c,
          Tolerance.absolute(d) + tol, tol, null);
    }
  }

  @Property(tries = 1000)
  void elementwiseFunctionsAgree(@ForAll @IntRange(min = 0, max = 70) int rows,
      @ForAll @IntRange(min = 1, max = 70) int cols, @ForAll boolean f32,
      @ForAll UnaryOp op, @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    DType d = dtype(f32);
    requireEveryValueDrawn("unary", op, UnaryOp.values());
    Tensor x = random(seed, 8, d, rows, cols);
    if (op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RECIPROCAL) {
      x = x.abs().add(0.01);
    }
    Tensor expected = ElementwiseOps.map(op, x);
    for (Backend other : others()) {
      Tolerance.assertClose(other.name() + " " + op, expected, ElementwiseOps.map(op, x.on(other)));
    }
  }

  @Property(tries = 1000)
  void broadcastArithmeticAgrees(@ForAll @IntRange(min = 1, max = 40) int rows,
      @ForAll @IntRange(min = 1, max = 40) int cols, @ForAll @IntRange(min = 0, max = 3) int form,
      @ForAll BinaryOp op, @ForAll boolean f32,
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    DType d = dtype(f32);
    requireEveryValueDrawn("binary", op, BinaryOp.values());
    Tensor a = random(seed, 3, d, rows, cols);
    if (op == BinaryOp.POWER) {
      a = a.abs().add(0.1); // real powers of negative bases are NaN in every backend alike
    }
    int[] shape = switch (form) {
      case 0 -> new int[] {rows, cols};
      case 1 -> new int[] {cols};
      case 2 -> new int[] {rows, 1};
      default -> new int[] {};
    };
    Tensor b = random(seed + 1, 3, d, shape);
    if (op == BinaryOp.DIVIDE) {
      b = b.abs().add(0.5);
    }
    Tensor expected = ElementwiseOps.zip(op, a, b);
    for (Backend other : others()) {
      Tolerance.assertClose(other.name() + " " + op, expected, ElementwiseOps.zip(op, a.on(other), b.on(other)));
    }
  }

  /**
   * Fails the property unless every value of the enum was drawn at least once in its tries: the
   * operators come from jqwik's enum generator, so a new operator is tested without a change
   * here, and this guards against a filter or mapping that quietly drops one.
   */
  private static <E extends Enum<E>> void requireEveryValueDrawn(String label, E drawn, E[] all) {
    Statistics.label(label).collect(drawn);
    Statistics.label(label).coverage(c -> {
      for (E each : all) {
        c.check(each).count(n -> n > 0);
      }
    });
  }

  @Property(tries = 1000)
  void everyReduceKernelAgrees(@ForAll @IntRange(min = 1, max = 40) int outer,
      @ForAll @IntRange(min = 1, max = 40) int length, @ForAll @IntRange(min = 1, max = 6) int inner,
      @ForAll ReduceOp op, @ForAll boolean f32, @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    DType d = dtype(f32);
    requireEveryValueDrawn("reduce", op, ReduceOp.values());
    Tensor x = random(seed, 2, d, outer, length, inner);
    Tensor expected = x.zerosLike(outer, inner);
    PURE.reduce(op, outer, length, inner, x.storage(), expected.storage());
    double tol = 2 * (length + 1) * Tolerance.unitRoundoff(d) * 2 * length;
    for (Backend other : others()) {
      Tensor out = x.zerosLike(outer, inner).on(other);
      other.reduce(op, outer, length, inner, x.on(other).storage(), out.storage());
      Tolerance.assertClose(other.name() + " reduce " + op, expected, out,
          Tolerance.absolute(d) + tol, Tolerance.relative(d), null);
    }
  }

  @Property(tries = 1000)
  void reductionsAgree(@ForAll @IntRange(min = 1, max = 60) int rows,
      @ForAll @IntRange(min = 1, max = 60) int cols, @ForAll @IntRange(min = 0, max = 1) int axis,
      @ForAll boolean f32, @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    DType d = dtype(f32);
    Tensor x = random(seed, 2, d, rows, cols);
    Tensor expected = ReductionOps.sum(x, axis, false);
    int length = axis == 0 ? rows : cols;
    double tol = 2 * (length + 1) * Tolerance.unitRoundoff(d) * 2 * length;
    for (Backend other : others()) {
      Tensor on = x.on(other);
      Tolerance.assertClose(other.name() + " sum", expected, ReductionOps.sum(on, axis, false),
          Tolerance.absolute(d) + tol, Tolerance.relative(d), null);
      Tolerance.assertClose(other.name() + " max", ReductionOps.max(x, axis, false),
          ReductionOps.max(on, axis, false));
      org.junit.jupiter.api.Assertions.assertArrayEquals(x.argmax(axis), on.argmax(axis), other.name() + " argmax");
    }
  }

  @Property(tries = 1000)
  void softmaxAndActivationGradientsAgree(@ForAll @IntRange(min = 0, max = 50) int rows,
      @ForAll @IntRange(min = 1, max = 50) int cols, @ForAll boolean f32,
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    DType d = dtype(f32);
    Tensor x = random(seed, 50, d, rows, cols);
    Tensor y = random(seed + 1, 1, d, rows, cols).abs();
    Tensor g = random(seed + 2, 1, d, rows, cols);
    Tensor softmax = NeuralOps.softmax(x);
    for (Backend other : others()) {
      Tolerance.assertClose(other.name() + " softmax", softmax, NeuralOps.softmax(x.on(other)));
    }
    // Every ternary operator (where and the activations' backward passes), by construction.
    for (TernaryOp op : TernaryOp.values()) {
      Tensor expected = x.zerosLike();
      ElementwiseOps.ternary(op, x, y, g, expected);
      for (Backend other : others()) {
        Tensor actual = x.zerosLike().on(other);
        ElementwiseOps.ternary(op, x.on(other), y.on(other), g.on(other), actual);
        Tolerance.assertClose(other.name() + " " + op.label(), expected, actual);
      }
    }
  }
}
