package io.nabla.backend;

import java.io.Serializable;

/**
 * Storage in a Java array on the heap: what the plain-Java, jblas and SIMD backends use, so a
 * tensor moves between them without a copy. {@link HeapBackend} unwraps the arrays for their
 * kernels; nothing above the SPI does. Serializable, so that values can travel as they are
 * between processes (Spark's driver and executors).
 */
public abstract sealed class HeapStorage implements Storage, Serializable
    permits FloatArrayStorage, DoubleArrayStorage {

  private static final long serialVersionUID = 1L;

  HeapStorage() {}

  /** New zeroed heap storage. */
  public static HeapStorage allocate(DType dtype, int length) {
    return dtype == DType.FLOAT32
        ? new FloatArrayStorage(new float[length])
        : new DoubleArrayStorage(new double[length]);
  }

  /**
   * The live float32 array of heap storage, for a backend's kernels: exactly {@link
   * Storage#length()} long.
   *
   * @throws IllegalStateException naming the storage if it is not float32 or not on the heap
   */
  public static float[] floats(Storage s) {
    if (s instanceof FloatArrayStorage heap) {
      return heap.array;
    }
    throw notHere(s, DType.FLOAT32);
  }

  /**
   * The live float64 array of heap storage, for a backend's kernels: exactly {@link
   * Storage#length()} long.
   *
   * @throws IllegalStateException naming the storage if it is not float64 or not on the heap
   */
  public static double[] doubles(Storage s) {
    if (s instanceof DoubleArrayStorage heap) {
      return heap.array;
    }
    throw notHere(s, DType.FLOAT64);
  }

  private static IllegalStateException notHere(Storage s, DType wanted) {
    if (s.dtype() != wanted) {
      return new IllegalStateException("storage of " + s.length() + " " + s.dtype().label()
          + " elements is not " + wanted.label());
    }
    return new IllegalStateException("storage of " + s.length() + " " + s.dtype().label()
        + " elements is not in a Java array (it is " + s.getClass().getSimpleName()
        + "); copy its tensor to a heap backend with tensor.on(backend)");
  }
}
