package io.nabla.testing;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.DType;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.Storage;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.View;

/**
 * A backend whose tensors live off the Java heap, in direct buffers ({@link DirectBufferStorage}):
 * the proof that core reaches tensor data only through the SPI. Its kernels are the reference
 * formulas, run only after checking that every storage they are given is an open direct buffer;
 * a heap array that slipped past core would fail here, naming the kernel and the storage's
 * class. Not registered as a service: tests create it.
 */
public final class DirectBufferBackend implements Backend {

  /** The name of this backend. */
  public static final String NAME = "direct-buffer";

  private final ReferenceBackend formulas = new ReferenceBackend();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return -200;
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }

  @Override
  public Storage allocate(DType dtype, int length) {
    return new DirectBufferStorage(dtype, length);
  }

  @Override
  public boolean accepts(Storage storage) {
    return storage instanceof DirectBufferStorage;
  }

  /** Checks that every storage is an open direct buffer, so a kernel never runs on anything else. */
  private static void own(String kernel, Storage... storages) {
    for (Storage s : storages) {
      if (!(s instanceof DirectBufferStorage direct)) {
        throw new IllegalStateException(kernel + ": storage " + s.getClass().getSimpleName() + " of "
            + s.length() + " " + s.dtype().label() + " elements is not one of this backend's direct"
            + " buffers (DirectBufferStorage)");
      }
      // Even a kernel of size 0 fails on closed storage, as it would on a device.
      direct.checkOpen();
    }
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Storage a, Storage b, double beta, Storage c) {
    own("gemm", a, b, c);
    formulas.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  @Override
  public void axpy(int n, double alpha, Storage x, Storage y) {
    own("axpy", x, y);
    formulas.axpy(n, alpha, x, y);
  }

  @Override
  public void fill(int n, Storage x, double value) {
    own("fill", x);
    formulas.fill(n, x, value);
  }

  @Override
  public void map(UnaryOp op, int n, Storage x, Storage out) {
    own("map", x, out);
    formulas.map(op, n, x, out);
  }

  @Override
  public void binary(BinaryOp op, int[] shape, Storage a, View av, Storage b, View bv, Storage out) {
    own("binary", a, b, out);
    formulas.binary(op, shape, a, av, b, bv, out);
  }

  @Override
  public void binaryScalar(BinaryOp op, int n, Storage a, double scalar, Storage out) {
    own("binaryScalar", a, out);
    formulas.binaryScalar(op, n, a, scalar, out);
  }

  @Override
  public void ternary(TernaryOp op, int n, Storage a, Storage b, Storage c, Storage out) {
    own("ternary", a, b, c, out);
    formulas.ternary(op, n, a, b, c, out);
  }

  @Override
  public void copy(int[] shape, Storage src, View view, int[] rows, Storage dst, int dstOffset) {
    own("copy", src, dst);
    formulas.copy(shape, src, view, rows, dst, dstOffset);
  }

  @Override
  public void reduce(ReduceOp op, int outer, int length, int inner, Storage x, Storage out) {
    own("reduce", x, out);
    formulas.reduce(op, outer, length, inner, x, out);
  }

  @Override
  public void argmax(int outer, int length, int inner, Storage x, int[] out) {
    own("argmax", x);
    formulas.argmax(outer, length, inner, x, out);
  }

  @Override
  public void softmaxRows(int rows, int n, Storage x, Storage out) {
    own("softmaxRows", x, out);
    formulas.softmaxRows(rows, n, x, out);
  }

  @Override
  public void im2col(ConvGeometry g, Storage images, Storage columns) {
    own("im2col", images, columns);
    formulas.im2col(g, images, columns);
  }

  @Override
  public void col2im(ConvGeometry g, Storage columns, Storage images) {
    own("col2im", columns, images);
    formulas.col2im(g, columns, images);
  }

  @Override
  public void maxPool(ConvGeometry g, Storage images, Storage out, int[] argmax) {
    own("maxPool", images, out);
    formulas.maxPool(g, images, out, argmax);
  }

  @Override
  public void scatterAdd(int n, Storage src, int[] index, Storage dst) {
    own("scatterAdd", src, dst);
    formulas.scatterAdd(n, src, index, dst);
  }
}
