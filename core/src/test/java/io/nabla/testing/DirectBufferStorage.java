package io.nabla.testing;

import io.nabla.backend.DType;
import io.nabla.backend.Storage;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Storage outside the Java heap, in a direct {@link ByteBuffer}: the kind of memory a native
 * library or a device driver hands out, which no Java array can alias. {@link #close()} frees the
 * memory at once, as such a backend must; every later use fails with an {@link
 * IllegalStateException} instead of touching freed memory, which would crash the JVM.
 */
final class DirectBufferStorage implements Storage {

  /**
   * {@code sun.misc.Unsafe#invokeCleaner(ByteBuffer)} bound to the instance, or null where this JVM
   * has none: the one supported way to free a direct buffer before the garbage collector does.
   */
  private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

  /** Whether {@link #close()} frees the memory at once here, rather than leaving it to the GC. */
  static final boolean FREES_AT_ONCE = INVOKE_CLEANER != null;

  private final DType dtype;
  private final int length;
  // Null once closed, so that nothing can reach the freed memory through them.
  private ByteBuffer bytes;
  private FloatBuffer floats;
  private DoubleBuffer doubles;
  private boolean closed;

  DirectBufferStorage(DType dtype, int length) {
    this.dtype = dtype;
    this.length = length;
    this.bytes = ByteBuffer.allocateDirect(Math.max(1, length) * (dtype == DType.FLOAT32 ? 4 : 8))
        .order(ByteOrder.nativeOrder());
    this.floats = dtype == DType.FLOAT32 ? bytes.asFloatBuffer() : null;
    this.doubles = dtype == DType.FLOAT64 ? bytes.asDoubleBuffer() : null;
  }

  private static MethodHandle findInvokeCleaner() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true); // jdk.unsupported opens sun.misc to everyone
      Object unsafe = field.get(null);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(unsafe);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // no jdk.unsupported, or a JDK without the method: the GC frees the buffers
    }
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  /** Fails, naming this storage, if it was closed. */
  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("direct-buffer storage of " + length + " " + dtype.label()
          + " elements was closed; it cannot be used again");
    }
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public double get(int index) {
    checkOpen();
    return floats != null ? floats.get(index) : doubles.get(index);
  }

  @Override
  public void set(int index, double value) {
    checkOpen();
    if (floats != null) {
      floats.put(index, (float) value);
    } else {
      doubles.put(index, value);
    }
  }

  @Override
  public void read(int from, float[] dst, int dstOffset, int count) {
    checkOpen();
    if (floats != null) {
      floats.get(from, dst, dstOffset, count);
    } else {
      for (int i = 0; i < count; i++) {
        dst[dstOffset + i] = (float) doubles.get(from + i);
      }
    }
  }

  @Override
  public void read(int from, double[] dst, int dstOffset, int count) {
    checkOpen();
    if (doubles != null) {
      doubles.get(from, dst, dstOffset, count);
    } else {
      for (int i = 0; i < count; i++) {
        dst[dstOffset + i] = floats.get(from + i);
      }
    }
  }

  @Override
  public void write(int to, float[] src, int srcOffset, int count) {
    checkOpen();
    if (floats != null) {
      floats.put(to, src, srcOffset, count);
    } else {
      for (int i = 0; i < count; i++) {
        doubles.put(to + i, src[srcOffset + i]);
      }
    }
  }

  @Override
  public void write(int to, double[] src, int srcOffset, int count) {
    checkOpen();
    if (doubles != null) {
      doubles.put(to, src, srcOffset, count);
    } else {
      for (int i = 0; i < count; i++) {
        floats.put(to + i, (float) src[srcOffset + i]);
      }
    }
  }

  @Override
  public void copyFrom(Storage src, int srcFrom, int to, int count) {
    // The default copies through a Java array; check here so that even a count of 0 fails.
    checkOpen();
    if (src instanceof DirectBufferStorage direct) {
      direct.checkOpen();
    }
    Storage.super.copyFrom(src, srcFrom, to, count);
  }

  /**
   * Frees the buffer's memory now (where the JVM allows it; else drops the references for the
   * garbage collector) and makes every later use fail. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ByteBuffer freed = bytes;
    // Drop the views first: after the cleaner runs they would point at freed memory.
    bytes = null;
    floats = null;
    doubles = null;
    if (INVOKE_CLEANER != null) {
      try {
        INVOKE_CLEANER.invokeExact(freed);
      } catch (Throwable e) {
        throw new IllegalStateException("could not free the direct buffer of " + length + " "
            + dtype.label() + " elements", e);
      }
    }
  }
}
