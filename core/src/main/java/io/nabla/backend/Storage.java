package io.nabla.backend;

/**
 * The elements of a tensor, owned by the backend that allocated them ({@link Backend#allocate}):
 * a flat sequence of {@link #length()} float32 or float64 values in row-major order. Where the
 * values live (a Java array, a direct buffer, device memory) is the backend's business; code above
 * the SPI reaches them only through these methods.
 *
 * <p>Element access ({@link #get}, {@link #set}) is for tests, checks and the odd scalar; anything
 * that touches many elements uses the bulk copies, which a backend can make as fast as its memory
 * allows. Values cross this interface as Java {@code float}s or {@code double}s and are rounded
 * to the storage's dtype when written. A storage is not thread-safe, like the tensor it backs.
 *
 * <p><b>Lifetime.</b> {@link #close()} gives the memory back: at once for a backend whose
 * memory lives off the heap or on a device, while heap storage leaves it to the garbage collector
 * and ignores the call. A closed storage must not be used again; one that is fails with an
 * {@link IllegalStateException} naming it (heap storage cannot tell and keeps working).
 */
public interface Storage extends AutoCloseable {

  /**
   * New zeroed storage of {@code length} elements of {@code dtype} in a Java array, owned by no
   * backend and {@link java.io.Serializable}: for buffers that live outside tensors, such as the
   * values that the spark module sends between its driver and executors. A tensor's storage comes
   * from its backend instead ({@link Backend#allocate}).
   */
  static Storage heap(DType dtype, int length) {
    return HeapStorage.allocate(dtype, length);
  }

  /** The element type. */
  DType dtype();

  /** The number of elements. */
  int length();

  /** The element at {@code index}, as a double. The caller has checked the index. */
  double get(int index);

  /** Sets the element at {@code index}, rounded to the dtype. The caller has checked the index. */
  void set(int index, double value);

  /** Copies {@code count} elements from {@code from} into {@code dst[dstOffset...]} (float64 ones rounded). */
  void read(int from, float[] dst, int dstOffset, int count);

  /** Copies {@code count} elements from {@code from} into {@code dst[dstOffset...]}. */
  void read(int from, double[] dst, int dstOffset, int count);

  /** Copies {@code src[srcOffset...]} into {@code count} elements from {@code to}. */
  void write(int to, float[] src, int srcOffset, int count);

  /** Copies {@code src[srcOffset...]} into {@code count} elements from {@code to} (rounded to float32 if that is the dtype). */
  void write(int to, double[] src, int srcOffset, int count);

  /**
   * Releases this storage's memory; every later use is an error. Closing twice does nothing. By
   * default nothing to release (heap memory belongs to the garbage collector).
   */
  @Override
  default void close() {}

  /**
   * Copies {@code count} elements of {@code src} (any dtype, any backend) from {@code srcFrom}
   * into this storage from {@code to}, rounding to this storage's dtype; the ranges may overlap
   * only if {@code src} is this storage and {@code to <= srcFrom}. By default in chunks through a
   * Java array of this storage's type; a backend overrides it for its own storage.
   */
  default void copyFrom(Storage src, int srcFrom, int to, int count) {
    int chunk = Math.min(count, 4096);
    if (dtype() == DType.FLOAT32) {
      float[] buffer = new float[chunk];
      for (int done = 0; done < count; done += chunk) {
        int n = Math.min(chunk, count - done);
        src.read(srcFrom + done, buffer, 0, n);
        write(to + done, buffer, 0, n);
      }
    } else {
      double[] buffer = new double[chunk];
      for (int done = 0; done < count; done += chunk) {
        int n = Math.min(chunk, count - done);
        src.read(srcFrom + done, buffer, 0, n);
        write(to + done, buffer, 0, n);
      }
    }
  }
}
