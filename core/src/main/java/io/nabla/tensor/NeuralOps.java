package io.nabla.tensor;

/**
 * The operations neural-network layers need beyond plain arithmetic: the stable softmax of rows,
 * one fused kernel of the backend. (The activations' backward passes are {@link
 * ElementwiseOps#ternary} with a {@link io.nabla.backend.TernaryOp}.)
 */
public final class NeuralOps {

  private NeuralOps() {}

  /** A new tensor: the softmax along the last axis (each row sums to 1), stable for large inputs. */
  public static Tensor softmax(Tensor x) {
    Tensor out = DenseTensor.output(x, x.shape());
    softmax(x, out);
    return out;
  }

  /** {@code out = softmax(x)} along the last axis; {@code out} may be {@code x}. */
  public static void softmax(Tensor x, Tensor out) {
    Checks.notNull("softmax", "input", x);
    Checks.notNull("softmax", "output", out);
    Checks.sameDtypeAndBackend("softmax", x, out);
    Checks.sameShape("softmax", x, out);
    if (x.rank() == 0) {
      throw new ShapeMismatchException("softmax: a scalar has no axis to normalize over");
    }
    int n = x.dim(-1);
    Checks.written(out);
    x.backend().softmaxRows(n == 0 ? 0 : x.size() / n, n, x.storage(), out.storage());
  }

}
