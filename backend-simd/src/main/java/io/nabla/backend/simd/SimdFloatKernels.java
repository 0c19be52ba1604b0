// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.simd;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.FloatArrayKernels;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.View;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD backend's float32 kernels on the Vector API: GEMM ({@link SimdFloatGemm}), and the
 * elementwise and reduction kernels of the training step as a vector loop over whole vectors, then
 * a scalar loop over the remainder (no masks). An operation or layout they do not vectorize runs
 * the default loop of {@link FloatArrayKernels}. Exponentials go through {@link DeterministicExp},
 * whose vector and scalar forms agree bit for bit. The float64 version, {@code SimdDoubleKernels},
 * is generated from this file (see docs/architecture.md). Stateless.
 */
final class SimdFloatKernels implements FloatArrayKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    SimdFloatGemm.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  @Override
  public void axpy(int n, float alpha, float[] x, float[] y) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector.fromArray(S, x, i).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, i)).intoArray(y, i);
    }
    for (; i < n; i++) {
      y[i] = Math.fma(alpha, x[i], y[i]);
    }
  }

  @Override
  public void map(UnaryOp op, int n, float[] x, float[] out) {
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
        return; // its own tail: op.apply would use Math.exp, not bit for bit the lanes
      case SIGMOID:
        for (; i < bound; i += VL) {
          sigmoid(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
          out[i] = sigmoid(x[i]);
        }
        return;
      default:
        FloatArrayKernels.super.map(op, n, x, out);
        return;
    }
    for (; i < n; i++) {
      out[i] = (float) op.apply(x[i]);
    }
  }

  /** At stride 1 without the im2col matrix ({@link SimdFloatConvolution}); else declined. */
  @Override
  public boolean convolve(ConvGeometry g, int filters, float[] images, float[] weights,
      float[] bias, float[] out) {
    return SimdFloatConvolution.convolve(g, filters, images, weights, bias, out);
  }

  /**
   * Adam's step in one pass: per element the operations of {@link #axpy}, {@link #map} (SQUARE,
   * SQRT), {@link #binaryScalar} (the scalars in float32) and the zip loops, in the order {@link
   * io.nabla.backend.Backend#adamStep} gives, so the bits of those kernels run one by one, with one
   * read and write of each tensor instead of ten passes (SimpleConvNet's 432,000 weights of its
   * first affine layer: 0.9 ms of a step in ten kernels).
   */
  @Override
  public boolean adamStep(int n, double firstRate, double secondRate, double epsilon,
      double stepSize, float[] grad, float[] first, float[] second, float[] weights) {
    float a1 = (float) firstRate;
    float a2 = (float) secondRate;
    float eps = (float) epsilon;
    float lr = (float) stepSize;
    FloatVector va1 = FloatVector.broadcast(S, a1);
    FloatVector va2 = FloatVector.broadcast(S, a2);
    FloatVector veps = FloatVector.broadcast(S, eps);
    FloatVector vlr = FloatVector.broadcast(S, lr);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector g = FloatVector.fromArray(S, grad, i);
      FloatVector m = FloatVector.fromArray(S, first, i);
      FloatVector v = FloatVector.fromArray(S, second, i);
      m = g.sub(m).fma(va1, m);
      v = g.mul(g).sub(v).fma(va2, v);
      m.intoArray(first, i);
      v.intoArray(second, i);
      FloatVector step = m.div(v.lanewise(VectorOperators.SQRT).add(veps)).mul(vlr);
      FloatVector.fromArray(S, weights, i).sub(step).intoArray(weights, i);
    }
    for (; i < n; i++) {
      float m = Math.fma(grad[i] - first[i], a1, first[i]);
      float v = Math.fma(grad[i] * grad[i] - second[i], a2, second[i]);
      first[i] = m;
      second[i] = v;
      weights[i] -= m / ((float) Math.sqrt(v) + eps) * lr;
    }
    return true;
  }

  /** 2x2 windows a vector at a time ({@link SimdFloatPooling}); other windows by the plain loop. */
  @Override
  public void maxPool(ConvGeometry g, float[] images, float[] out, int[] argmax) {
    if (!SimdFloatPooling.maxPool2x2(g, images, out, argmax)) {
      FloatArrayKernels.super.maxPool(g, images, out, argmax);
    }
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
   * Softmax of each row of [rows, n]: {@code out = e^(x - max) / sum e^(x - max)}, summed in
   * float32 in a fixed order (no lane reduction, whose order the Vector API leaves open). {@code
   * out} may be {@code x}.
   */
  @Override
  public void softmaxRows(int rows, int n, float[] x, float[] out) {
    int bound = S.loopBound(n);
    for (int r = 0, base = 0; r < rows; r++, base += n) {
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

  /** Whether the zip loops vectorize this op (the Vector API has no power). */
  private static boolean vectorizes(BinaryOp op) {
    return op != BinaryOp.POWER;
  }

  /**
   * Vector loops for the layouts of the training step, all from offset 0: two whole runs, a run
   * and a scalar, a batch and a bias row (rows narrower than a vector run its scalar tail alone);
   * any other layout, and the power, run the default loop.
   */
  @Override
  public void binary(BinaryOp op, int[] shape, float[] a, View av, float[] b, View bv, float[] out) {
    if (vectorizes(op) && av.offset() == 0 && bv.offset() == 0) {
      if (shape.length == 1 && av.strides()[0] == 1 && bv.strides()[0] == 1) {
        zipRun(op, 0, shape[0], a, b, 0, out);
        return;
      }
      if (shape.length == 1 && av.strides()[0] == 1 && bv.strides()[0] == 0) {
        zipRun(op, 0, shape[0], a, b[0], out);
        return;
      }
      if (shape.length == 2 && av.strides()[0] == shape[1] && av.strides()[1] == 1
          && bv.strides()[0] == 0 && bv.strides()[1] == 1) {
        for (int r = 0; r < shape[0]; r++) {
          zipRun(op, r * shape[1], shape[1], a, b, 0, out);
        }
        return;
      }
      if (shape.length == 2 && av.strides()[0] == shape[1] && av.strides()[1] == 1
          && bv.strides()[0] == 1 && bv.strides()[1] == 0) {
        for (int r = 0; r < shape[0]; r++) {
          zipRun(op, r * shape[1], shape[1], a, b[r], out);
        }
        return;
      }
    }
    FloatArrayKernels.super.binary(op, shape, a, av, b, bv, out);
  }

  /** The scalar in float32, in the vector lanes and the tail alike. */
  @Override
  public void binaryScalar(BinaryOp op, int n, float[] a, double scalar, float[] out) {
    if (vectorizes(op)) {
      zipRun(op, 0, n, a, (float) scalar, out);
    } else {
      FloatArrayKernels.super.binaryScalar(op, n, a, scalar, out);
    }
  }

  /*
   * The two loops below switch over the operator outside each vector loop, so that every vector
   * operation has a fixed operator and every vector stays in one compiled method. Neither a call
   * per vector to a helper that switches (which C2 on JDK 17 stopped inlining once the helper was
   * compiled on its own: measured 2.5 ms instead of 0.2 for a convolution's bias add over [30,
   * 57600], AMD EPYC Zen 5, AVX-512) nor lanewise(VectorOperators.Binary, ...) with a variable
   * operator (86 KB of boxed vectors per bias add of a [100, 50] batch) compiles to vector code.
   */

  /** {@code out[at + j] = op(a[at + j], b[from + j])} for j below n: two runs, or a row and a bias row. */
  private static void zipRun(BinaryOp op, int at, int n, float[] a, float[] b, int from, float[] out) {
    int bound = S.loopBound(n);
    int j = 0;
    switch (op) {
      case ADD:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).add(FloatVector.fromArray(S, b, from + j)).intoArray(out, at + j);
        }
        break;
      case SUBTRACT:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).sub(FloatVector.fromArray(S, b, from + j)).intoArray(out, at + j);
        }
        break;
      case MULTIPLY:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).mul(FloatVector.fromArray(S, b, from + j)).intoArray(out, at + j);
        }
        break;
      case DIVIDE:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).div(FloatVector.fromArray(S, b, from + j)).intoArray(out, at + j);
        }
        break;
      case MAXIMUM:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).max(FloatVector.fromArray(S, b, from + j)).intoArray(out, at + j);
        }
        break;
      case MINIMUM:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).min(FloatVector.fromArray(S, b, from + j)).intoArray(out, at + j);
        }
        break;
      default:
        throw new AssertionError(op);
    }
    for (; j < n; j++) {
      out[at + j] = (float) op.apply(a[at + j], b[from + j]);
    }
  }

  /** {@code out[at + j] = op(a[at + j], value)} for j below n: a run and a scalar, or a row and its bias. */
  private static void zipRun(BinaryOp op, int at, int n, float[] a, float value, float[] out) {
    int bound = S.loopBound(n);
    FloatVector c = FloatVector.broadcast(S, value);
    int j = 0;
    switch (op) {
      case ADD:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).add(c).intoArray(out, at + j);
        }
        break;
      case SUBTRACT:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).sub(c).intoArray(out, at + j);
        }
        break;
      case MULTIPLY:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).mul(c).intoArray(out, at + j);
        }
        break;
      case DIVIDE:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).div(c).intoArray(out, at + j);
        }
        break;
      case MAXIMUM:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).max(c).intoArray(out, at + j);
        }
        break;
      case MINIMUM:
        for (; j < bound; j += VL) {
          FloatVector.fromArray(S, a, at + j).min(c).intoArray(out, at + j);
        }
        break;
      default:
        throw new AssertionError(op);
    }
    for (; j < n; j++) {
      out[at + j] = (float) op.apply(a[at + j], value);
    }
  }

  /** The sigmoid's backward pass vectorized (operands x, y, gradOut), the rest by the default loop. */
  @Override
  public void ternary(TernaryOp op, int n, float[] x, float[] y, float[] gradOut, float[] gradIn) {
    if (op == TernaryOp.RELU_BACKWARD) {
      reluBackward(n, x, gradOut, gradIn);
      return;
    }
    if (op != TernaryOp.SIGMOID_BACKWARD) {
      FloatArrayKernels.super.ternary(op, n, x, y, gradOut, gradIn);
      return;
    }
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      FloatVector s = FloatVector.fromArray(S, y, i);
      FloatVector.fromArray(S, gradOut, i).mul(s).mul(s.neg().add(1)).intoArray(gradIn, i);
    }
    for (; i < n; i++) {
      gradIn[i] = gradOut[i] * y[i] * (1 - y[i]);
    }
  }

  /** {@code x > 0 ? g : 0}: the gradient where the input was positive, +0 elsewhere (and where it is NaN). */
  private static void reluBackward(int n, float[] x, float[] gradOut, float[] gradIn) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += VL) {
      zero.blend(FloatVector.fromArray(S, gradOut, i), FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f))
          .intoArray(gradIn, i);
    }
    for (; i < n; i++) {
      gradIn[i] = x[i] > 0 ? gradOut[i] : 0f;
    }
  }

  /**
   * Sums along an axis of an [outer, length, inner] slab: contiguous runs (inner == 1) as one
   * vector accumulation each, columns (inner at least one vector wide) as vector row additions.
   * These accumulate in float32, not in double as the default loop does: within the conformance
   * suite's bound for a sum, and the speed of the bias gradient.
   */
  @Override
  public void reduce(ReduceOp op, int outer, int length, int inner, float[] x, float[] out) {
    if (op != ReduceOp.SUM || (inner != 1 && inner < VL)) {
      FloatArrayKernels.super.reduce(op, outer, length, inner, x, out);
      return;
    }
    if (inner == 1) {
      sumContiguous(x, outer, length, out);
      return;
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
  }

  /**
   * Sums of contiguous runs (inner == 1): each output is one vector accumulation, whose lanes are
   * then added in lane order (not by {@code reduceLanes}, whose order the Vector API leaves open,
   * so that compiled and interpreted code could differ).
   */
  private static void sumContiguous(float[] x, int outer, int length, float[] out) {
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
  }
}
