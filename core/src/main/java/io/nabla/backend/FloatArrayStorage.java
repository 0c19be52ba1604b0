package io.nabla.backend;


/** Float32 {@link HeapStorage}. */
final class FloatArrayStorage extends HeapStorage {

  private static final long serialVersionUID = 1L;

  final float[] array;

  FloatArrayStorage(float[] array) {
    this.array = array;
  }

  @Override
  public DType dtype() {
    return DType.FLOAT32;
  }

  @Override
  public int length() {
    return array.length;
  }

  @Override
  public double get(int index) {
    return array[index];
  }

  @Override
  public void set(int index, double value) {
    array[index] = (float) value;
  }

  @Override
  public void read(int from, float[] dst, int dstOffset, int count) {
    System.arraycopy(array, from, dst, dstOffset, count);
  }

  @Override
  public void read(int from, double[] dst, int dstOffset, int count) {
    for (int i = 0; i < count; i++) {
      dst[dstOffset + i] = array[from + i];
    }
  }

  @Override
  public void write(int to, float[] src, int srcOffset, int count) {
    System.arraycopy(src, srcOffset, array, to, count);
  }

  @Override
  public void write(int to, double[] src, int srcOffset, int count) {
    for (int i = 0; i < count; i++) {
      array[to + i] = (float) src[srcOffset + i];
    }
  }

  @Override
  public void copyFrom(Storage src, int srcFrom, int to, int count) {
    if (src instanceof FloatArrayStorage heap) {
      System.arraycopy(heap.array, srcFrom, array, to, count);
    } else {
      src.read(srcFrom, array, to, count);
    }
  }
}
