package io.nabla.testing;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.Tensor;

/**
 * A backend that can never run, registered in core's tests only, to check that selection skips
 * an unavailable backend even when its priority is the highest and that asking for it by name
 * fails with its reason. Its kernels are never reached; each fails loudly if it is.
 */
public final class UnavailableBackend implements Backend {

  /** The name of this backend. */
  public static final String NAME = "unavailable-for-test";

  /** The reason it reports. */
  public static final String REASON = "needs libnothing.so.0; install package nothing-dev";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 1000;
  }

  @Override
  public Availability availability() {
    return Availability.no(REASON);
  }

  private static AssertionError reached() {
    return new AssertionError("a kernel of an unavailable backend was called");
  }

  @Override
  public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    throw reached();
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    throw reached();
  }

  @Override
  public void scale(double alpha, Tensor x) {
    throw reached();
  }

  @Override
  public void fill(Tensor x, double value) {
    throw reached();
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    throw reached();
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    throw reached();
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    throw reached();
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    throw reached();
  }

  @Override
  public void zipColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
    throw reached();
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    throw reached();
  }

  @Override
  public void argmax(Tensor x, int outer, int length, int inner, int[] out) {
    throw reached();
  }

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    throw reached();
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    throw reached();
  }

  @Override
  public void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn) {
    throw reached();
  }
}
