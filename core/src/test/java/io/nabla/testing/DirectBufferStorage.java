package io.nabla.testing;

import io.nabla.backend.Storage;
import io.nabla.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Storage outside the Java heap, in a direct {@link ByteBuffer}: the kind of memory a native
 * library or a device driver hands out, which no Java array can alias.
 */
final class DirectBufferStorage implements Storage {

  private final DType dtype;
  private final int length;
  private final FloatBuffer floats;
  private final DoubleBuffer doubles;

  DirectBufferStorage(DType dtype, int length) {
    this.dtype = dtype;
    this.length = length;
    ByteBuffer bytes = ByteBuffer.allocateDirect(Math.max(1, length) * (dtype == DType.FLOAT32 ? 4 : 8))
        .order(ByteOrder.nativeOrder());
    this.floats = dtype == DType.FLOAT32 ? bytes.asFloatBuffer() : null;
    this.doubles = dtype == DType.FLOAT64 ? bytes.asDoubleBuffer() : null;
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
    return floats != null ? floats.get(index) : doubles.get(index);
  }

  @Override
  public void set(int index, double value) {
    if (floats != null) {
      floats.put(index, (float) value);
    } else {
      doubles.put(index, value);
    }
  }

  @Override
  public void read(int from, float[] dst, int dstOffset, int count) {
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
    if (doubles != null) {
      doubles.put(to, src, srcOffset, count);
    } else {
      for (int i = 0; i < count; i++) {
        floats.put(to + i, (float) src[srcOffset + i]);
      }
    }
  }
}
