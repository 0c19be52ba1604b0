package io.nabla.backend.pure;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * The plain-Java backend, {@code "pure"}: runs everywhere, and is the reference the other
 * backends are checked against. Elementwise kernels compute in double and round once; GEMM
 * computes in the tensors' dtype with a cache-friendly loop order ({@link PureGemm}).
 *
 * <p>Stateless, so safe to use from any number of threads.
 */
public final class PureBackend implements Backend {

  /** The name users select this backend by. */
  public static final String NAME = "pure";

  /** Creates the backend; it holds no state. */
  public PureBackend() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }

  @Override
  public void gemm(
      boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    int m = c.rows();
    int n = c.cols();
    int k = transA ? a.rows() : a.cols();
    if (a.dtype() == DType.FLOAT32) {
      PureGemm.gemm(transA, transB, m, n, k, (float) alpha, a.floatData(), b.floatData(),
          (float) beta, c.floatData());
    } else {
      PureGemm.gemm(transA, transB, m, n, k, alpha, a.doubleData(), b.doubleData(), beta,
          c.doubleData());
    }
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    double[] xs = Elements.read(x);
    double[] ys = Elements.read(y);
    for (int i = 0; i < ys.length; i++) {
      ys[i] += alpha * xs[i];
    }
    Elements.write(ys, y);
  }

  @Override
  public void scale(double alpha, Tensor x) {
    zipScalar(BinaryOp.MULTIPLY, x, alpha, x);
  }

  @Override
  public void fill(Tensor x, double value) {
    if (x.dtype() == DType.FLOAT32) {
      java.util.Arrays.fill(x.floatData(), (float) value);
    } else {
      java.util.Arrays.fill(x.doubleData(), value);
    }
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    double[] values = Elements.read(x);
    for (int i = 0; i < values.length; i++) {
      values[i] = op.apply(values[i]);
    }
    Elements.write(values, out);
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    double[] as = Elements.read(a);
    double[] bs = Elements.read(b);
    for (int i = 0; i < as.length; i++) {
      as[i] = op.apply(as[i], bs[i]);
    }
    Elements.write(as, out);
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    double[] as = Elements.read(a);
    for (int i = 0; i < as.length; i++) {
      as[i] = op.apply(as[i], scalar);
    }
    Elements.write(as, out);
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    double[] as = Elements.read(a);
    double[] rs = Elements.read(row);
    int n = rs.length;
    for (int i = 0; i < as.length; i++) {
      as[i] = op.apply(as[i], rs[i % n]);
    }
    Elements.write(as, out);
  }

  @Override
  public void zipColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
    double[] as = Elements.read(a);
    double[] cs = Elements.read(column);
    int cols = cs.length == 0 ? 0 : as.length / cs.length;
    for (int i = 0; i < as.length; i++) {
      as[i] = op.apply(as[i], cs[i / cols]);
    }
    Elements.write(as, out);
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    PureReductions.reduce(op, x, outer, length, inner, out);
  }

  @Override
  public void argmax(Tensor x, int outer, int length, int inner, int[] out) {
    PureReductions.argmax(x, outer, length, inner, out);
  }

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    PureReductions.softmaxRows(x, out);
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    double[] ys = Elements.read(y);
    double[] gs = Elements.read(gradOut);
    for (int i = 0; i < gs.length; i++) {
      gs[i] *= ys[i] * (1.0 - ys[i]);
    }
    Elements.write(gs, gradIn);
  }

  @Override
  public void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn) {
    double[] xs = Elements.read(x);
    double[] gs = Elements.read(gradOut);
    for (int i = 0; i < gs.length; i++) {
      gs[i] = xs[i] > 0 ? gs[i] : 0.0;
    }
    Elements.write(gs, gradIn);
  }
}
