package io.nabla.testing;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.Tensor;

/**
 * The simplest possible backend, for tests only: each kernel is its formula written element by
 * element in double precision through {@link Tensor#getFlat}/{@link Tensor#setFlat}, with no
 * attention to speed. It is the oracle of the conformance suite and the backend of core's own
 * tests (registered only in core's test resources, never shipped in the test-jar's services).
 */
public final class ReferenceBackend implements Backend {

  /** The name of this backend. */
  public static final String NAME = "reference";

  /**
   * The instance the conformance suite computes its expected values on. Tensors of two backend
   * instances never meet in one operation, so every oracle computation uses this one.
   */
  public static final ReferenceBackend ORACLE = new ReferenceBackend();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return -100;
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
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int p = 0; p < k; p++) {
          double aip = transA ? a.get(p, i) : a.get(i, p);
          double bpj = transB ? b.get(j, p) : b.get(p, j);
          dot += aip * bpj;
        }
        double old = beta == 0 ? 0 : beta * c.get(i, j);
        c.set(alpha * dot + old, i, j);
      }
    }
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    for (int i = 0; i < y.size(); i++) {
      y.setFlat(i, alpha * x.getFlat(i) + y.getFlat(i));
    }
  }

  @Override
  public void scale(double alpha, Tensor x) {
    for (int i = 0; i < x.size(); i++) {
      x.setFlat(i, alpha * x.getFlat(i));
    }
  }

  @Override
  public void fill(Tensor x, double value) {
    for (int i = 0; i < x.size(); i++) {
      x.setFlat(i, value);
    }
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    for (int i = 0; i < x.size(); i++) {
      out.setFlat(i, op.apply(x.getFlat(i)));
    }
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    for (int i = 0; i < a.size(); i++) {
      out.setFlat(i, op.apply(a.getFlat(i), b.getFlat(i)));
    }
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    for (int i = 0; i < a.size(); i++) {
      out.setFlat(i, op.apply(a.getFlat(i), scalar));
    }
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    int n = row.size();
    for (int i = 0; i < a.size(); i++) {
      out.setFlat(i, op.apply(a.getFlat(i), row.getFlat(i % n)));
    }
  }

  @Override
  public void zipColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
    int cols = a.size() / Math.max(1, column.size());
    for (int i = 0; i < a.size(); i++) {
      out.setFlat(i, op.apply(a.getFlat(i), column.getFlat(i / cols)));
    }
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double acc = op.identity();
        for (int l = 0; l < length; l++) {
          acc = op.combine(acc, x.getFlat((o * length + l) * inner + i));
        }
        out.setFlat(o * inner + i, acc);
      }
    }
  }

  @Override
  public void argmax(Tensor x, int outer, int length, int inner, int[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        for (int l = 1; l < length; l++) {
          double v = x.getFlat((o * length + l) * inner + i);
          double b = x.getFlat((o * length + best) * inner + i);
          if (!Double.isNaN(b) && (v > b || Double.isNaN(v))) {
            best = l;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    int n = x.dim(-1);
    int rows = n == 0 ? 0 : x.size() / n;
    double[] row = new double[n];
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        row[j] = x.getFlat(r * n + j);
        max = Math.max(max, row[j]);
      }
      double total = 0;
      for (int j = 0; j < n; j++) {
        total += Math.exp(row[j] - max);
      }
      for (int j = 0; j < n; j++) {
        out.setFlat(r * n + j, Math.exp(row[j] - max) / total);
      }
    }
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    for (int i = 0; i < y.size(); i++) {
      double s = y.getFlat(i);
      gradIn.setFlat(i, gradOut.getFlat(i) * s * (1 - s));
    }
  }

  @Override
  public void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn) {
    for (int i = 0; i < x.size(); i++) {
      gradIn.setFlat(i, x.getFlat(i) > 0 ? gradOut.getFlat(i) : 0);
    }
  }
}
