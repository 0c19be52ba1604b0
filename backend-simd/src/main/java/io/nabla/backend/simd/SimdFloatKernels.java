// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.simd;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 elementwise and reduction kernels on the Vector API: a vector loop over whole vectors,
 * then a scalar loop over the remainder (no masks). Methods return false for an operation they
 * do not vectorize, and the caller falls back to the plain loop. Exponentials go through {@link
 * DeterministicExp}, whose vector and scalar forms agree bit for bit. The float64 version, {@code
 * SimdDoubleKernels}, is generated from this file by {@code backend-simd/generate-float64.sh}.
 */
final class SimdFloatKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  private SimdFloatKernels() {}

  static void axpy(float alpha, float[] x, float[] y) {
    int n = y.length;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, i)).intoArray(y, i);
    }
    for (; i < n; i++) {
      y[i] = Math.fma(alpha, x[i], y[i]);
    }
  }

  static void scale(float alpha, float[] x) {
    scale(alpha, x, 0, x.length);
  }

  static boolean map(UnaryOp op, float[] x, float[] out) {
    int n = x.length;
    int i = 0;
    int bound = S.loopBound(n);
    switch (op) {
      case SQUARE:
        for (; i < bound; i += VL) {
          FloatVector v = FloatVector.fromArray(S, x, i);
          v.mul(v).intoArray(out, i);
        }
        break;
      case SQRT:
        for (; i < bound; i += VL) {
          FloatVector.fromArray(S, x, i).lanewise(VectorOperators.SQRT).intoArray(out, i);
        }
        break;
      case RELU:
        for (; i < bound; i += VL) {
          FloatVector.fromArray(S, x, i).max(0).intoArray(out, i);
        }
        break;
      case NEGATE:
        for (; i < bound; i += VL) {
          FloatVector.fromArray(S, x, i).neg().intoArray(out, i);
        }
        break;
      case EXP:
        for (; i < bound; i += VL) {
          DeterministicExp.exp(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
          out[i] = DeterministicExp.exp(x[i]);
        }
        return true; // its own tail: op.apply would use Math.exp, not bit for bit the lanes
      case SIGMOID:
        for (; i < bound; i += VL) {
          sigmoid(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
          out[i] = sigmoid(x[i]);
        }
        return true;
      default:
        return false;
    }
    for (; i < n; i++) {
      out[i] = (float) op.apply(x[i]);
    }
    return true;
  }

  /** {@code 1 / (1 + e^-x)} lane by lane. */
  static FloatVector sigmoid(FloatVector x) {
    return FloatVector.broadcast(x.species(), 1).div(DeterministicExp.exp(x.neg()).add(1));
  }

  /** {@code 1 / (1 + e^-x)}, bit for bit a lane of {@link #sigmoid(FloatVector)}. */
  static float sigmoid(float x) {
    return 1 / (1 + DeterministicExp.exp(-x));
  }

  /**
   * Softmax of each row of [rows, n]: {@code out = e^(x - max) / sum e^(x - max)}, summed in a
   * fixed order (no lane reduction, whose order the Vector API leaves open). {@code out} may be
   * {@code x}.
   */
  static void softmaxRows(float[] x, int n, float[] out) {
    int bound = S.loopBound(n);
    for (int base = 0; base + n <= x.length && n > 0; base += n) {
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        max = Math.max(max, x[base + j]);
      }
      FloatVector shift = FloatVector.broadcast(S, max);
      float sum = 0;
      int j = 0;
      for (; j < bound; j += VL) {
        // Subtracting the row max keeps exp from overflowing, as the chapter's softmax does.
        DeterministicExp.exp(FloatVector.fromArray(S, x, base + j).sub(shift))
            .intoArray(out, base + j);
      }
      for (; j < n; j++) {
        out[base + j] = DeterministicExp.exp(x[base + j] - max);
      }
      for (j = 0; j < n; j++) {
        sum += out[base + j];
      }
      scale(1 / sum, out, base, n);
    }
  }

  /** {@code x[from, from + length) *= alpha}. */
  static void scale(float alpha, float[] x, int from, int length) {
    int i = 0;
    for (int bound = S.loopBound(length); i < bound; i += VL) {
      FloatVector.fromArray(S, x, from + i).mul(alpha).intoArray(x, from + i);
    }
    for (; i < length; i++) {
      x[from + i] *= alpha;
    }
  }

  /** Whether {@link #combine} vectorizes this op (the Vector API has no power). */
  private static boolean vectorizes(BinaryOp op) {
    return op != BinaryOp.POWER;
  }

  /**
   * {@code op(a, b)} lane by lane. A switch over methods with a fixed operator, not {@code
   * lanewise(VectorOperators.Binary, ...)} with a variable one: C2 compiles only the former to
   * vector instructions; the latter boxed every vector (86 KB per bias add of a [100, 50] batch).
   */
  private static FloatVector combine(BinaryOp op, FloatVector a, FloatVector b) {
    switch (op) {
      case ADD:
        return a.add(b);
      case SUBTRACT:
        return a.sub(b);
      case MULTIPLY:
        return a.mul(b);
      case DIVIDE:
        return a.div(b);
      case MAXIMUM:
        return a.max(b);
      case MINIMUM:
        return a.min(b);
      default:
        throw new AssertionError(op);
    }
  }

  static boolean zip(BinaryOp op, float[] a, float[] b, float[] out) {
    if (!vectorizes(op)) {
      return false;
    }
    int n = a.length;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      combine(op, FloatVector.fromArray(S, a, i), FloatVector.fromArray(S, b, i)).intoArray(out, i);
    }
    for (; i < n; i++) {
      out[i] = (float) op.apply(a[i], b[i]);
    }
    return true;
  }

  static boolean zipScalar(BinaryOp op, float[] a, float scalar, float[] out) {
    if (!vectorizes(op)) {
      return false;
    }
    int n = a.length;
    int i = 0;
    FloatVector s = FloatVector.broadcast(S, scalar);
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      combine(op, FloatVector.fromArray(S, a, i), s).intoArray(out, i);
    }
    for (; i < n; i++) {
      out[i] = (float) op.apply(a[i], scalar);
    }
    return true;
  }

  static boolean zipRowVector(BinaryOp op, float[] a, float[] row, float[] out) {
    int n = row.length;
    if (!vectorizes(op) || n < VL) {
      return false;
    }
    int bound = S.loopBound(n);
    for (int base = 0; base < a.length; base += n) {
      int j = 0;
      for (; j < bound; j += VL) {
        combine(op, FloatVector.fromArray(S, a, base + j), FloatVector.fromArray(S, row, j))
            .intoArray(out, base + j);
      }
      for (; j < n; j++) {
        out[base + j] = (float) op.apply(a[base + j], row[j]);
      }
    }
    return true;
  }

  static void sigmoidBackward(float[] y, float[] gradOut, float[] gradIn) {
    int n = y.length;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector s = FloatVector.fromArray(S, y, i);
      FloatVector.fromArray(S, gradOut, i).mul(s).mul(s.neg().add(1)).intoArray(gradIn, i);
    }
    for (; i < n; i++) {
      gradIn[i] = gradOut[i] * y[i] * (1 - y[i]);
    }
  }

  /**
   * Sums along an axis of an [outer, length, inner] slab: contiguous runs (inner == 1) as one
   * vector accumulation each, columns (inner at least one vector wide) as vector row additions.
   */
  static boolean reduce(ReduceOp op, float[] x, int outer, int length, int inner, float[] out) {
    if (op != ReduceOp.SUM) {
      return false;
    }
    if (inner == 1) {
      return sumContiguous(x, outer, length, out);
    }
    if (inner < VL) {
      return false;
    }
    int bound = S.loopBound(inner);
    for (int o = 0; o < outer; o++) {
      int target = o * inner;
      java.util.Arrays.fill(out, target, target + inner, 0);
      for (int l = 0; l < length; l++) {
        int base = (o * length + l) * inner;
        int i = 0;
        for (; i < bound; i += VL) {
          FloatVector.fromArray(S, out, target + i).add(FloatVector.fromArray(S, x, base + i))
              .intoArray(out, target + i);
        }
        for (; i < inner; i++) {
          out[target + i] += x[base + i];
        }
      }
    }
    return true;
  }

  /**
   * Sums of contiguous runs (inner == 1): each output is one vector accumulation, whose lanes are
   * then added in lane order (not by {@code reduceLanes}, whose order the Vector API leaves open,
   * so that compiled and interpreted code could differ).
   */
  private static boolean sumContiguous(float[] x, int outer, int length, float[] out) {
    int bound = S.loopBound(length);
    float[] lanes = new float[VL];
    for (int o = 0; o < outer; o++) {
      int base = o * length;
      FloatVector acc = FloatVector.zero(S);
      int l = 0;
      for (; l < bound; l += VL) {
        acc = acc.add(FloatVector.fromArray(S, x, base + l));
      }
      acc.intoArray(lanes, 0);
      float sum = 0;
      for (float lane : lanes) {
        sum += lane;
      }
      for (; l < length; l++) {
        sum += x[base + l];
      }
      out[o] = sum;
    }
    return true;
  }


}
