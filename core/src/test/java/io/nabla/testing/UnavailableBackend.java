package io.nabla.testing;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.Storage;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.View;

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

  private static AssertionError reached(String kernel) {
    return new AssertionError("kernel " + kernel + " of the unavailable backend '" + NAME + "' was called");
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Storage a, Storage b, double beta, Storage c) {
    throw reached("gemm");
  }

  @Override
  public void axpy(int n, double alpha, Storage x, Storage y) {
    throw reached("axpy");
  }

  @Override
  public void fill(int n, Storage x, double value) {
    throw reached("fill");
  }

  @Override
  public void map(UnaryOp op, int n, Storage x, Storage out) {
    throw reached("map");
  }

  @Override
  public void binary(BinaryOp op, int[] shape, Storage a, View av, Storage b, View bv, Storage out) {
    throw reached("binary");
  }

  @Override
  public void binaryScalar(BinaryOp op, int n, Storage a, double scalar, Storage out) {
    throw reached("binaryScalar");
  }

  @Override
  public void ternary(TernaryOp op, int n, Storage a, Storage b, Storage c, Storage out) {
    throw reached("ternary");
  }

  @Override
  public void copy(int[] shape, Storage src, View view, int[] rows, Storage dst, int dstOffset) {
    throw reached("copy");
  }

  @Override
  public void reduce(ReduceOp op, int outer, int length, int inner, Storage x, Storage out) {
    throw reached("reduce");
  }

  @Override
  public void argmax(int outer, int length, int inner, Storage x, int[] out) {
    throw reached("argmax");
  }

  @Override
  public void softmaxRows(int rows, int n, Storage x, Storage out) {
    throw reached("softmaxRows");
  }

  @Override
  public void im2col(ConvGeometry g, Storage images, Storage columns) {
    throw reached("im2col");
  }

  @Override
  public void col2im(ConvGeometry g, Storage columns, Storage images) {
    throw reached("col2im");
  }

  @Override
  public void maxPool(ConvGeometry g, Storage images, Storage out, int[] argmax) {
    throw reached("maxPool");
  }

  @Override
  public void scatterAdd(int n, Storage src, int[] index, Storage dst) {
    throw reached("scatterAdd");
  }
}
