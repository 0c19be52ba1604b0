package io.nabla.tensor;

/**
 * The operations neural-network layers need beyond plain arithmetic: stable softmax and the
 * backward passes of the activations, each one fused kernel of the backend.
 */
public final class NeuralOps {

  private NeuralOps() {}

  /** A new tensor: the softmax along the last axis (each row sums to 1), stable for large inputs. */
  public static Tensor softmax(Tensor x) {
    Tensor out = x.zerosLike();
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
    x.backend().softmaxRows(x, out);
  }

  /**
   * The sigmoid's backward pass from its output: {@code gradIn = gradOut * y * (1 - y)}. All three
   * have one shape; {@code gradIn} may be {@code gradOut}.
   */
  public static void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    checkBackward("sigmoidBackward", y, gradOut, gradIn);
    y.backend().sigmoidBackward(y, gradOut, gradIn);
  }

  /**
   * ReLU's backward pass from its input: {@code gradIn = x > 0 ? gradOut : 0}. All three have one
   * shape; {@code gradIn} may be {@code gradOut}.
   */
  public static void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn) {
    checkBackward("reluBackward", x, gradOut, gradIn);
    x.backend().reluBackward(x, gradOut, gradIn);
  }

  private static void checkBackward(String name, Tensor saved, Tensor gradOut, Tensor gradIn) {
    Checks.notNull(name, "saved activation", saved);
    Checks.notNull(name, "gradOut", gradOut);
    Checks.notNull(name, "gradIn", gradIn);
    Checks.sameDtypeAndBackend(name, saved, gradOut);
    Checks.sameDtypeAndBackend(name, saved, gradIn);
    Checks.sameShape(name, saved, gradOut);
    Checks.sameShape(name, saved, gradIn);
  }
}
