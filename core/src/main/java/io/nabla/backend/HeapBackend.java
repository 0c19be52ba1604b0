package io.nabla.backend;

import static io.nabla.backend.HeapStorage.doubles;
import static io.nabla.backend.HeapStorage.floats;

import java.util.function.Supplier;

/**
 * The base of the backends whose tensors live in Java arrays ({@link HeapStorage}): it unwraps
 * the arrays and hands every kernel to a float32 or a float64 kernel object, the one place where
 * the dtype is branched on. A heap backend is its identity ({@link #name}, {@link #priority},
 * {@link #availability}) and its two kernel objects: a {@link FloatArrayKernels} and the {@link
 * DoubleArrayKernels} generated from it, which implement {@code gemm} and override what they do
 * better than the default loops.
 *
 * <p>Safe to use from any number of threads: kernel objects must be stateless.
 */
public abstract class HeapBackend implements Backend {

  private final Supplier<? extends FloatArrayKernels> floatKernels;
  private final Supplier<? extends DoubleArrayKernels> doubleKernels;
  // Made on first use, so that discovery loads no kernel class (the SIMD kernels' classes need a
  // module that may be missing). A race makes a second, equal object: the kernels are stateless.
  private FloatArrayKernels floatKernelsMade;
  private DoubleArrayKernels doubleKernelsMade;

  /**
   * A backend running its float32 kernels on what {@code floatKernels} makes and its float64 ones
   * on what {@code doubleKernels} makes, each called once, when a kernel of its dtype first runs.
   */
  protected HeapBackend(Supplier<? extends FloatArrayKernels> floatKernels,
      Supplier<? extends DoubleArrayKernels> doubleKernels) {
    this.floatKernels = floatKernels;
    this.doubleKernels = doubleKernels;
  }

  private FloatArrayKernels f32() {
    FloatArrayKernels k = floatKernelsMade;
    if (k == null) {
      k = floatKernels.get();
      floatKernelsMade = k;
    }
    return k;
  }

  private DoubleArrayKernels f64() {
    DoubleArrayKernels k = doubleKernelsMade;
    if (k == null) {
      k = doubleKernels.get();
      doubleKernelsMade = k;
    }
    return k;
  }

  private static boolean isFloat(Storage s) {
    return s.dtype() == DType.FLOAT32;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Storage a, Storage b, double beta, Storage c) {
    if (isFloat(c)) {
      f32().gemm(transA, transB, m, n, k, (float) alpha, floats(a), floats(b), (float) beta, floats(c));
    } else {
      f64().gemm(transA, transB, m, n, k, alpha, doubles(a), doubles(b), beta, doubles(c));
    }
  }

  @Override
  public void axpy(int n, double alpha, Storage x, Storage y) {
    if (isFloat(y)) {
      f32().axpy(n, (float) alpha, floats(x), floats(y));
    } else {
      f64().axpy(n, alpha, doubles(x), doubles(y));
    }
  }

  @Override
  public void fill(int n, Storage x, double value) {
    if (isFloat(x)) {
      f32().fill(n, floats(x), (float) value);
    } else {
      f64().fill(n, doubles(x), value);
    }
  }

  @Override
  public void map(UnaryOp op, int n, Storage x, Storage out) {
    if (isFloat(out)) {
      f32().map(op, n, floats(x), floats(out));
    } else {
      f64().map(op, n, doubles(x), doubles(out));
    }
  }

  @Override
  public void binary(BinaryOp op, int[] shape, Storage a, View av, Storage b, View bv, Storage out) {
    if (isFloat(out)) {
      f32().binary(op, shape, floats(a), av, floats(b), bv, floats(out));
    } else {
      f64().binary(op, shape, doubles(a), av, doubles(b), bv, doubles(out));
    }
  }

  @Override
  public void binaryScalar(BinaryOp op, int n, Storage a, double scalar, Storage out) {
    if (isFloat(out)) {
      f32().binaryScalar(op, n, floats(a), scalar, floats(out));
    } else {
      f64().binaryScalar(op, n, doubles(a), scalar, doubles(out));
    }
  }

  @Override
  public void ternary(TernaryOp op, int n, Storage a, Storage b, Storage c, Storage out) {
    if (isFloat(out)) {
      f32().ternary(op, n, floats(a), floats(b), floats(c), floats(out));
    } else {
      f64().ternary(op, n, doubles(a), doubles(b), doubles(c), doubles(out));
    }
  }

  @Override
  public void copy(int[] shape, Storage src, View view, int[] rows, Storage dst, int dstOffset) {
    if (isFloat(dst)) {
      f32().copy(shape, floats(src), view, rows, floats(dst), dstOffset);
    } else {
      f64().copy(shape, doubles(src), view, rows, doubles(dst), dstOffset);
    }
  }

  @Override
  public void reduce(ReduceOp op, int outer, int length, int inner, Storage x, Storage out) {
    if (isFloat(out)) {
      f32().reduce(op, outer, length, inner, floats(x), floats(out));
    } else {
      f64().reduce(op, outer, length, inner, doubles(x), doubles(out));
    }
  }

  @Override
  public void argmax(int outer, int length, int inner, Storage x, int[] out) {
    if (isFloat(x)) {
      f32().argmax(outer, length, inner, floats(x), out);
    } else {
      f64().argmax(outer, length, inner, doubles(x), out);
    }
  }

  @Override
  public void softmaxRows(int rows, int n, Storage x, Storage out) {
    if (isFloat(out)) {
      f32().softmaxRows(rows, n, floats(x), floats(out));
    } else {
      f64().softmaxRows(rows, n, doubles(x), doubles(out));
    }
  }

  @Override
  public void im2col(ConvGeometry g, Storage images, Storage columns) {
    if (isFloat(columns)) {
      f32().im2col(g, floats(images), floats(columns));
    } else {
      f64().im2col(g, doubles(images), doubles(columns));
    }
  }

  @Override
  public void col2im(ConvGeometry g, Storage columns, Storage images) {
    if (isFloat(images)) {
      f32().col2im(g, floats(columns), floats(images));
    } else {
      f64().col2im(g, doubles(columns), doubles(images));
    }
  }

  @Override
  public void maxPool(ConvGeometry g, Storage images, Storage out, int[] argmax) {
    if (isFloat(out)) {
      f32().maxPool(g, floats(images), floats(out), argmax);
    } else {
      f64().maxPool(g, doubles(images), doubles(out), argmax);
    }
  }

  @Override
  public boolean convolve(ConvGeometry g, int filters, Storage images, Storage weights,
      Storage bias, Storage out) {
    if (isFloat(out)) {
      return f32().convolve(g, filters, floats(images), floats(weights), bias == null ? null : floats(bias), floats(out));
    }
    return f64().convolve(g, filters, doubles(images), doubles(weights), bias == null ? null : doubles(bias), doubles(out));
  }

  @Override
  public boolean adamStep(int n, double firstRate, double secondRate, double epsilon,
      double stepSize, Storage grad, Storage first, Storage second, Storage weights) {
    if (isFloat(weights)) {
      return f32().adamStep(n, firstRate, secondRate, epsilon, stepSize, floats(grad), floats(first),
          floats(second), floats(weights));
    }
    return f64().adamStep(n, firstRate, secondRate, epsilon, stepSize, doubles(grad), doubles(first),
        doubles(second), doubles(weights));
  }

  @Override
  public void scatterAdd(int n, Storage src, int[] index, Storage dst) {
    if (isFloat(dst)) {
      f32().scatterAdd(n, floats(src), index, floats(dst));
    } else {
      f64().scatterAdd(n, doubles(src), index, doubles(dst));
    }
  }
}
