package io.nabla.tensor;

import io.nabla.backend.DType;

import io.nabla.backend.Backend;
import io.nabla.backend.Storage;
import java.util.Arrays;

/**
 * The {@link Tensor} every backend uses: a shape over contiguous row-major {@link Storage} that
 * its backend allocated. Create one with {@link Tensors}.
 */
final class DenseTensor implements Tensor {

  private final int[] shape;
  private final int size;
  private final Storage storage;
  private final Backend backend;
  /** Shared by every view of one storage: a write through one is a write to all. */
  private final WriteCount writes;

  /** A tensor of {@code shape} over {@code storage}, which has exactly that many elements. */
  DenseTensor(int[] shape, Storage storage, Backend backend) {
    this(shape, storage, backend, new WriteCount());
  }

  private DenseTensor(int[] shape, Storage storage, Backend backend, WriteCount writes) {
    this.writes = writes;
    this.shape = shape.clone();
    this.size = Shapes.size(shape);
    this.storage = storage;
    this.backend = backend;
    if (storage.length() != size) {
      throw new IllegalArgumentException(
          "storage has " + storage.length() + " elements but shape " + Shapes.format(shape) + " needs " + size);
    }
  }

  /**
   * A new zero tensor of the given dtype and shape, in storage {@code backend} allocates, or the
   * {@link Workspace} entered on this thread lends.
   */
  static DenseTensor allocate(DType dtype, int[] shape, Backend backend) {
    return allocate(dtype, shape, backend, true);
  }

  /**
   * A new tensor for an operation to write every element of: zero outside a {@link Workspace} (new
   * memory always is), and inside one not zeroed again, which saves a pass over reused memory.
   */
  static DenseTensor output(Tensor like, int... shape) {
    return allocate(like.dtype(), shape, like.backend(), false);
  }

  private static DenseTensor allocate(DType dtype, int[] shape, Backend backend, boolean zeroed) {
    Workspace workspace = Workspace.active();
    int length = Shapes.size(shape);
    if (workspace == null) {
      return new DenseTensor(shape, backend.allocate(dtype, length), backend);
    }
    Workspace.Owned lent = workspace.allocate(backend, dtype, length, zeroed);
    return new DenseTensor(shape, lent.storage, backend, lent.writes);
  }

  /** A view of this tensor's storage with another shape of the same size, and the same write count. */
  DenseTensor view(int[] newShape) {
    return new DenseTensor(newShape, storage, backend, writes);
  }

  /** Counts a write into this tensor's elements. */
  void written() {
    writes.count++;
  }

  @Override
  public long version() {
    return writes.count;
  }

  @Override
  public Tensor zerosLike(int... newShape) {
    return allocate(storage.dtype(), newShape, backend);
  }

  @Override
  public Tensor zerosLike() {
    return allocate(storage.dtype(), shape, backend);
  }

  // ---- Metadata --------------------------------------------------------------------------------

  @Override
  public DType dtype() {
    return storage.dtype();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public int rank() {
    return shape.length;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dim(int axis) {
    return shape[Shapes.normalizeAxis("dim", axis, shape)];
  }

  @Override
  public int rows() {
    requireMatrix("rows");
    return shape[0];
  }

  @Override
  public int cols() {
    requireMatrix("cols");
    return shape[1];
  }

  private void requireMatrix(String what) {
    if (shape.length != 2) {
      throw new IllegalStateException(what + ": tensor of shape " + Shapes.format(shape) + " is not a matrix");
    }
  }

  @Override
  public boolean hasShape(int... expected) {
    return Arrays.equals(shape, expected);
  }

  @Override
  public boolean hasSameShape(Tensor other) {
    return other instanceof DenseTensor dense ? Arrays.equals(shape, dense.shape) : other.hasShape(shape);
  }

  @Override
  public String describe() {
    return storage.dtype().label() + Shapes.format(shape);
  }

  // ---- Backend and storage ---------------------------------------------------------------------

  @Override
  public Backend backend() {
    return backend;
  }

  @Override
  public Storage storage() {
    return storage;
  }

  @Override
  public Tensor on(Backend other) {
    if (other == backend) {
      return this;
    }
    if (other.accepts(storage)) {
      return new DenseTensor(shape, storage, other, writes);
    }
    DenseTensor moved = allocate(storage.dtype(), shape, other);
    moved.storage.copyFrom(storage, 0, 0, size);
    return moved;
  }

  @Override
  public boolean sharesStorageWith(Tensor other) {
    return storage == other.storage();
  }

  // ---- Element access -------------------------------------------------------------------------

  @Override
  public double get(int... index) {
    return storage.get(flatIndex(index));
  }

  @Override
  public void set(double value, int... index) {
    int flat = flatIndex(index);
    writes.count++;
    storage.set(flat, value);
  }

  @Override
  public double getFlat(int i) {
    checkFlat(i);
    return storage.get(i);
  }

  @Override
  public void setFlat(int i, double value) {
    checkFlat(i);
    writes.count++;
    storage.set(i, value);
  }

  @Override
  public double item() {
    if (size != 1) {
      throw new IllegalStateException("item: tensor " + describe() + " has " + size + " elements, not 1");
    }
    return storage.get(0);
  }

  private void checkFlat(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "flat index " + i + " is out of range for shape " + Shapes.format(shape));
    }
  }

  private int flatIndex(int[] index) {
    if (index.length != shape.length) {
      throw new IndexOutOfBoundsException(
          "index " + Arrays.toString(index) + " has " + index.length + " dimensions; shape "
              + Shapes.format(shape) + " has " + shape.length);
    }
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IndexOutOfBoundsException(
            "index " + Arrays.toString(index) + " is out of range for shape " + Shapes.format(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return flat;
  }

  @Override
  public double[] toDoubleArray() {
    double[] out = new double[size];
    storage.read(0, out, 0, size);
    return out;
  }

  @Override
  public float[] toFloatArray() {
    float[] out = new float[size];
    storage.read(0, out, 0, size);
    return out;
  }

  // ---- Copies ----------------------------------------------------------------------------------

  @Override
  public Tensor copy() {
    DenseTensor copy = allocate(storage.dtype(), shape, backend, false);
    copy.storage.copyFrom(storage, 0, 0, size);
    return copy;
  }

  @Override
  public Tensor asType(DType target) {
    if (target == storage.dtype()) {
      return copy();
    }
    DenseTensor converted = allocate(target, shape, backend, false);
    converted.storage.copyFrom(storage, 0, 0, size);
    return converted;
  }

  /** Up to 6 elements per axis in NumPy's style, with dtype and shape. */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
