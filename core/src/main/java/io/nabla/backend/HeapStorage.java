package io.nabla.backend;

import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * Storage in a Java array on the heap: what the plain-Java, jblas and SIMD backends use, so a
 * tensor moves between them without a copy. Their kernels reach the array with {@link
 * #floats(Tensor)} and {@link #doubles(Tensor)}; nothing above the SPI does.
 */
public abstract sealed class HeapStorage implements Storage permits FloatArrayStorage, DoubleArrayStorage {

  HeapStorage() {}

  /** New zeroed heap storage. */
  public static HeapStorage allocate(DType dtype, int length) {
    return dtype == DType.FLOAT32
        ? new FloatArrayStorage(new float[length])
        : new DoubleArrayStorage(new double[length]);
  }

  /**
   * The live float32 array of a tensor on heap storage, for a backend's kernels: row-major,
   * exactly {@link Tensor#size()} long.
   *
   * @throws IllegalStateException naming the tensor if it is not float32 or not on the heap
   */
  public static float[] floats(Tensor t) {
    if (t.storage() instanceof FloatArrayStorage s) {
      return s.array;
    }
    throw notHere(t, DType.FLOAT32);
  }

  /**
   * The live float64 array of a tensor on heap storage, for a backend's kernels: row-major,
   * exactly {@link Tensor#size()} long.
   *
   * @throws IllegalStateException naming the tensor if it is not float64 or not on the heap
   */
  public static double[] doubles(Tensor t) {
    if (t.storage() instanceof DoubleArrayStorage s) {
      return s.array;
    }
    throw notHere(t, DType.FLOAT64);
  }

  private static IllegalStateException notHere(Tensor t, DType wanted) {
    if (t.dtype() != wanted) {
      return new IllegalStateException("tensor " + t.describe() + " is not " + wanted.label());
    }
    return new IllegalStateException("tensor " + t.describe() + " of backend '" + t.backend().name()
        + "' is not in a Java array (its storage is " + t.storage().getClass().getSimpleName()
        + "); copy it to a heap backend with tensor.on(backend)");
  }
}
