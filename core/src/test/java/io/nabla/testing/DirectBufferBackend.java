package io.nabla.testing;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.Storage;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * A backend whose tensors live off the Java heap, in direct buffers ({@link DirectBufferStorage}):
 * the proof that core reaches tensor data only through the SPI. Its kernels are the reference
 * formulas, run only after checking that every tensor they are given is stored in a direct buffer
 * of this backend; a heap array that slipped past core would fail here, naming the kernel and the
 * tensor. Not registered as a service: tests create it.
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

  private void own(String kernel, Tensor... tensors) {
    for (Tensor t : tensors) {
      if (t.backend() != this || !(t.storage() instanceof DirectBufferStorage)) {
        throw new IllegalStateException(kernel + ": tensor " + t.describe() + " is not in this backend's direct"
            + " buffers (backend '" + t.backend().name() + "', storage " + t.storage().getClass().getSimpleName() + ")");
      }
    }
  }

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    own("gemm", a, b, c);
    formulas.gemm(transA, transB, alpha, a, b, beta, c);
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    own("axpy", x, y);
    formulas.axpy(alpha, x, y);
  }

  @Override
  public void scale(double alpha, Tensor x) {
    own("scale", x);
    formulas.scale(alpha, x);
  }

  @Override
  public void fill(Tensor x, double value) {
    own("fill", x);
    formulas.fill(x, value);
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    own("map", x, out);
    formulas.map(op, x, out);
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    own("zip", a, b, out);
    formulas.zip(op, a, b, out);
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    own("zipScalar", a, out);
    formulas.zipScalar(op, a, scalar, out);
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    own("zipRowVector", a, row, out);
    formulas.zipRowVector(op, a, row, out);
  }

  @Override
  public void zipColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
    own("zipColumnVector", a, column, out);
    formulas.zipColumnVector(op, a, column, out);
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    own("reduce", x, out);
    formulas.reduce(op, x, outer, length, inner, out);
  }

  @Override
  public void argmax(Tensor x, int outer, int length, int inner, int[] out) {
    own("argmax", x);
    formulas.argmax(x, outer, length, inner, out);
  }

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    own("softmaxRows", x, out);
    formulas.softmaxRows(x, out);
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    own("sigmoidBackward", y, gradOut, gradIn);
    formulas.sigmoidBackward(y, gradOut, gradIn);
  }

  @Override
  public void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn) {
    own("reluBackward", x, gradOut, gradIn);
    formulas.reluBackward(x, gradOut, gradIn);
  }
}
