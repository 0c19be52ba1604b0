package io.nabla.data;

/**
 * The contents of an IDX file of unsigned bytes: its dimensions and its data in row-major order.
 *
 * @param dims the dimensions, e.g. [60000, 28, 28] for training images
 * @param data the unsigned bytes, {@code product(dims)} of them
 */
public record IdxArray(int[] dims, byte[] data) {

  /** The number of items (the first dimension). */
  public int count() {
    return dims[0];
  }

  /** The number of bytes per item (the product of the other dimensions). */
  public int itemSize() {
    int size = 1;
    for (int i = 1; i < dims.length; i++) {
      size *= dims[i];
    }
    return size;
  }
}
