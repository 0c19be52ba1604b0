package io.nabla.backend;

import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * Every kernel but {@link #gemm} written as plain Java loops over heap storage, for both dtypes,
 * allocating nothing: the shared base of backends that speed up only some kernels. A backend
 * extends it, implements {@code gemm}, and overrides the kernels it does better; the loops stay as
 * the fallback. The loops are {@link LoopFloatKernels} and its generated float64 twin; this class
 * only picks one by dtype. Float32 elementwise results and reductions are computed in double and
 * rounded once.
 *
 * <p>Stateless, so safe to use from any number of threads.
 */
public abstract class LoopKernels implements Backend {

  /** For subclasses. */
  protected LoopKernels() {}

  private static boolean isFloat(Tensor t) {
    return t.dtype() == DType.FLOAT32;
  }

  private static float[] f(Tensor t) {
    return HeapStorage.floats(t);
  }

  private static double[] d(Tensor t) {
    return HeapStorage.doubles(t);
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    if (isFloat(y)) {
      LoopFloatKernels.axpy((float) alpha, f(x), f(y));
    } else {
      LoopDoubleKernels.axpy(alpha, d(x), d(y));
    }
  }

  @Override
  public void scale(double alpha, Tensor x) {
    if (isFloat(x)) {
      LoopFloatKernels.scale((float) alpha, f(x));
    } else {
      LoopDoubleKernels.scale(alpha, d(x));
    }
  }

  @Override
  public void fill(Tensor x, double value) {
    if (isFloat(x)) {
      LoopFloatKernels.fill(f(x), (float) value);
    } else {
      LoopDoubleKernels.fill(d(x), value);
    }
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    if (isFloat(x)) {
      LoopFloatKernels.map(op, f(x), f(out));
    } else {
      LoopDoubleKernels.map(op, d(x), d(out));
    }
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    if (isFloat(a)) {
      LoopFloatKernels.zip(op, f(a), f(b), f(out));
    } else {
      LoopDoubleKernels.zip(op, d(a), d(b), d(out));
    }
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    if (isFloat(a)) {
      LoopFloatKernels.zipScalar(op, f(a), scalar, f(out));
    } else {
      LoopDoubleKernels.zipScalar(op, d(a), scalar, d(out));
    }
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    int n = row.size();
    int rows = n == 0 ? 0 : a.size() / n;
    if (isFloat(a)) {
      LoopFloatKernels.zipRowVector(op, f(a), f(row), f(out), rows, n);
    } else {
      LoopDoubleKernels.zipRowVector(op, d(a), d(row), d(out), rows, n);
    }
  }

  @Override
  public void zipColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
    int rows = column.size();
    int cols = rows == 0 ? 0 : a.size() / rows;
    if (isFloat(a)) {
      LoopFloatKernels.zipColumnVector(op, f(a), f(column), f(out), rows, cols);
    } else {
      LoopDoubleKernels.zipColumnVector(op, d(a), d(column), d(out), rows, cols);
    }
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    if (isFloat(x)) {
      LoopFloatKernels.reduce(op, f(x), outer, length, inner, f(out));
    } else {
      LoopDoubleKernels.reduce(op, d(x), outer, length, inner, d(out));
    }
  }

  @Override
  public void argmax(Tensor x, int outer, int length, int inner, int[] out) {
    if (isFloat(x)) {
      LoopFloatKernels.argmax(f(x), outer, length, inner, out);
    } else {
      LoopDoubleKernels.argmax(d(x), outer, length, inner, out);
    }
  }

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    int n = x.rank() == 0 ? 1 : x.dim(-1);
    int rows = n == 0 ? 0 : x.size() / n;
    if (isFloat(x)) {
      LoopFloatKernels.softmaxRows(f(x), f(out), rows, n);
    } else {
      LoopDoubleKernels.softmaxRows(d(x), d(out), rows, n);
    }
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    if (isFloat(y)) {
      LoopFloatKernels.sigmoidBackward(f(y), f(gradOut), f(gradIn));
    } else {
      LoopDoubleKernels.sigmoidBackward(d(y), d(gradOut), d(gradIn));
    }
  }

  @Override
  public void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn) {
    if (isFloat(x)) {
      LoopFloatKernels.reluBackward(f(x), f(gradOut), f(gradIn));
    } else {
      LoopDoubleKernels.reluBackward(d(x), d(gradOut), d(gradIn));
    }
  }
}
