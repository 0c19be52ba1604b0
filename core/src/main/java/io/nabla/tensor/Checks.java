package io.nabla.tensor;


/** The argument checks every operation shares, with messages that name the operation. */
final class Checks {

  private Checks() {}

  /**
   * Counts a write into {@code out}'s elements, for {@link Tensor#version()}: every operation that
   * writes into a tensor it did not just allocate calls this.
   */
  static void written(Tensor out) {
    if (out instanceof DenseTensor dense) {
      dense.written();
    }
  }

  static void notNull(String operation, String argument, Object value) {
    if (value == null) {
      // No message supplier: a capturing lambda would allocate on every (valid) call.
      throw new NullPointerException(operation + ": " + argument + " is null");
    }
  }

  /** Both tensors have one dtype and one backend: kernels never see a mixture. */
  static void sameDtypeAndBackend(String operation, Tensor a, Tensor b) {
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(
          operation + ": dtypes differ: " + a.describe() + " and " + b.describe()
              + " (convert one with asType)");
    }
    if (a.backend() != b.backend()) {
      throw new IllegalArgumentException(
          operation + ": tensors of two backends: " + a.describe() + " on '" + a.backend().name()
              + "' and " + b.describe() + " on '" + b.backend().name()
              + "' (move one with tensor.on(backend))");
    }
  }

  static void sameShape(String operation, Tensor a, Tensor b) {
    if (!a.hasSameShape(b)) {
      throw new ShapeMismatchException(
          operation + ": shapes differ: " + Shapes.format(a.shape()) + " and "
              + Shapes.format(b.shape()));
    }
  }

  static void sameSize(String operation, Tensor a, Tensor b) {
    if (a.size() != b.size()) {
      throw new ShapeMismatchException(
          operation + ": sizes differ: " + Shapes.format(a.shape()) + " has " + a.size()
              + " elements, " + Shapes.format(b.shape()) + " has " + b.size());
    }
  }

  static void shapeIs(String operation, String argument, Tensor t, int... expected) {
    if (!t.hasShape(expected)) {
      throw new ShapeMismatchException(
          operation + ": " + argument + " has shape " + Shapes.format(t.shape()) + ", expected "
              + Shapes.format(expected));
    }
  }

  static void notAliased(String operation, Tensor output, Tensor input, String inputName) {
    if (output.sharesStorageWith(input)) {
      throw new IllegalArgumentException(
          operation + ": the output shares storage with " + inputName + "; pass a separate tensor");
    }
  }
}
