package io.nabla.tensor;

import io.nabla.backend.View;

import java.util.Arrays;

/**
 * Reshaping, transposing, row selection and broadcasting. {@link #reshape} returns a view that
 * shares storage; everything else returns a copy made by the backend's copy kernel, so every
 * tensor stays contiguous and row-major.
 */
public final class ShapeOps {

  private ShapeOps() {}

  /**
   * A view of {@code x} with a new shape of the same size, sharing storage: writes through one
   * are seen through the other. One dimension may be -1, meaning "whatever makes the size fit".
   *
   * @throws ShapeMismatchException if the sizes differ or more than one dimension is -1
   */
  public static Tensor reshape(Tensor x, int... newShape) {
    int[] shape = newShape.clone();
    int unknown = -1;
    int known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1) {
        if (unknown >= 0) {
          throw new ShapeMismatchException(
              "reshape: " + Shapes.format(newShape) + " has more than one -1");
        }
        unknown = i;
      } else if (shape[i] < 0) {
        throw new ShapeMismatchException(
            "reshape: " + Shapes.format(newShape) + " has a negative dimension");
      } else {
        known *= shape[i];
      }
    }
    if (unknown >= 0 && known > 0 && x.size() % known == 0) {
      shape[unknown] = x.size() / known;
    }
    if (unknown >= 0 && shape[unknown] == -1 || Shapes.size(shape) != x.size()) {
      throw new ShapeMismatchException(
          "reshape: cannot reshape " + Shapes.format(x.shape()) + " (" + x.size()
              + " elements) to " + Shapes.format(newShape));
    }
    return ((DenseTensor) x).view(shape);
  }

  /** The transpose of a matrix, as a copy: [m, n] gives [n, m]. */
  public static Tensor transpose(Tensor x) {
    if (x.rank() != 2) {
      throw new ShapeMismatchException(
          "transpose: " + Shapes.format(x.shape()) + " is not a matrix; use permute for rank "
              + x.rank());
    }
    return permute(x, 1, 0);
  }

  /**
   * A copy with the axes reordered: axis {@code i} of the result is axis {@code axes[i]} of
   * {@code x}, as NumPy's {@code transpose(axes)}.
   */
  public static Tensor permute(Tensor x, int... axes) {
    int[] shape = x.shape();
    int rank = shape.length;
    boolean[] seen = new boolean[rank];
    if (axes.length != rank) {
      throw new IllegalArgumentException(
          "permute: axes " + Arrays.toString(axes) + " do not match shape " + Shapes.format(shape));
    }
    for (int a : axes) {
      if (a < 0 || a >= rank || seen[a]) {
        throw new IllegalArgumentException(
            "permute: axes " + Arrays.toString(axes) + " are not a permutation of 0.." + (rank - 1));
      }
      seen[a] = true;
    }
    int[] newShape = new int[rank];
    int[] sourceStride = new int[rank];
    int[] strides = View.rowMajorStrides(shape);
    for (int i = 0; i < rank; i++) {
      newShape[i] = shape[axes[i]];
      sourceStride[i] = strides[axes[i]];
    }
    return gatherStrided(x, newShape, sourceStride);
  }

  /**
   * A copy of {@code x} expanded to {@code shape} by NumPy's broadcasting rule; {@code x} itself
   * when it already has that shape.
   */
  public static Tensor broadcastTo(Tensor x, int... shape) {
    if (x.hasShape(shape)) {
      return x;
    }
    int[] source = x.shape();
    int[] result = Shapes.broadcast("broadcastTo", source, shape);
    if (!Arrays.equals(result, shape)) {
      throw new ShapeMismatchException(
          "broadcastTo: cannot broadcast " + Shapes.format(source) + " to " + Shapes.format(shape));
    }
    int offset = shape.length - source.length;
    int[] strides = View.rowMajorStrides(source);
    int[] sourceStride = new int[shape.length];
    for (int i = 0; i < source.length; i++) {
      // A stretched dimension re-reads the same elements: stride 0.
      sourceStride[i + offset] = source[i] == 1 ? 0 : strides[i];
    }
    return gatherStrided(x, shape, sourceStride);
  }

  /**
   * The rows (slices along the first axis) at {@code indices}, in that order, as a new tensor:
   * the mini-batch {@code x[batch_mask]} of the chapter.
   *
   * @throws IndexOutOfBoundsException naming the bad index and the number of rows
   */
  public static Tensor gatherRows(Tensor x, int... indices) {
    if (x.rank() == 0) {
      throw new IllegalArgumentException("gatherRows: a scalar has no rows");
    }
    int[] shape = x.shape();
    shape[0] = indices.length;
    Tensor out = DenseTensor.output(x, shape);
    gatherRows(x, indices, out);
    return out;
  }

  /**
   * The rows of {@code x} at {@code indices} copied into {@code out}, whose shape is {@code x}'s
   * with the first dimension {@code indices.length}: a mini-batch without allocating.
   *
   * @throws IndexOutOfBoundsException naming the bad index and the number of rows
   */
  public static void gatherRows(Tensor x, int[] indices, Tensor out) {
    if (x.rank() == 0) {
      throw new IllegalArgumentException("gatherRows: a scalar has no rows");
    }
    Checks.sameDtypeAndBackend("gatherRows", x, out);
    Checks.notAliased("gatherRows", out, x, "the input");
    int[] shape = x.shape();
    int rows = shape[0];
    int rowSize = rows == 0 ? 0 : x.size() / rows;
    shape[0] = indices.length;
    Checks.shapeIs("gatherRows", "output", out, shape);
    for (int i = 0; i < indices.length; i++) {
      int r = indices[i];
      if (r < 0 || r >= rows) {
        throw new IndexOutOfBoundsException(
            "gatherRows: index " + r + " at position " + i + " is outside [0, " + rows + ")");
      }
    }
    Checks.written(out);
    x.backend().copy(new int[] {indices.length, rowSize}, x.storage(), new View(0, new int[] {rowSize, 1}),
        indices, out.storage(), 0);
  }

  /** A copy of rows {@code [from, to)} along the first axis. */
  public static Tensor sliceRows(Tensor x, int from, int to) {
    checkRowRange(x, from, to);
    int[] shape = x.shape();
    shape[0] = to - from;
    Tensor out = DenseTensor.output(x, shape);
    sliceRows(x, from, to, out);
    return out;
  }

  /**
   * Rows {@code [from, to)} along the first axis copied into {@code out}, whose shape is {@code
   * x}'s with the first dimension {@code to - from}: a slice without allocating.
   *
   * @throws IndexOutOfBoundsException naming the range and the shape
   */
  public static void sliceRows(Tensor x, int from, int to, Tensor out) {
    checkRowRange(x, from, to);
    int rows = x.dim(0);
    Checks.sameDtypeAndBackend("sliceRows", x, out);
    int[] shape = x.shape();
    shape[0] = to - from;
    Checks.shapeIs("sliceRows", "output", out, shape);
    int rowSize = rows == 0 ? 0 : x.size() / rows;
    copyRange(x, from * rowSize, out, 0, out.size());
  }

  private static void checkRowRange(Tensor x, int from, int to) {
    int rows = x.rank() == 0 ? 0 : x.dim(0);
    if (x.rank() == 0 || from < 0 || to > rows || from > to) {
      throw new IndexOutOfBoundsException(
          "sliceRows: [" + from + ", " + to + ") is not a range of rows of shape "
              + Shapes.format(x.shape()));
    }
  }

  /**
   * {@code target}'s flat element {@code index[i]} plus {@code source}'s flat element i, for every
   * i, in order: the gradient of a gather (or a max pooling) sent back to what it read. Written in
   * place into {@code target}.
   *
   * @throws IllegalArgumentException if the counts differ or an index is outside {@code target}
   */
  public static void scatterAdd(Tensor source, int[] index, Tensor target) {
    Checks.notNull("scatterAdd", "source", source);
    Checks.notNull("scatterAdd", "target", target);
    Checks.sameDtypeAndBackend("scatterAdd", source, target);
    Checks.notAliased("scatterAdd", target, source, "the source");
    if (index.length != source.size()) {
      throw new IllegalArgumentException("scatterAdd: " + index.length + " indices for " + source.describe());
    }
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= target.size()) {
        throw new IllegalArgumentException("scatterAdd: index " + index[i] + " at " + i + " is outside "
            + target.describe());
      }
    }
    Checks.written(target);
    target.backend().scatterAdd(index.length, source.storage(), index, target.storage());
  }

  /**
   * A copy of the elements {@code [from, to)} along {@code axis} (negative counts from the end), as
   * NumPy's {@code x[..., from:to, ...]}: one pass of the backend's copy kernel over a strided view.
   *
   * @throws IndexOutOfBoundsException naming the range, the axis and the shape
   */
  public static Tensor slice(Tensor x, int axis, int from, int to) {
    int[] shape = x.shape();
    int ax = Shapes.normalizeAxis("slice", axis, shape);
    if (from < 0 || to > shape[ax] || from > to) {
      throw new IndexOutOfBoundsException("slice: [" + from + ", " + to + ") is not a range of axis "
          + ax + " of shape " + Shapes.format(shape));
    }
    int[] strides = View.rowMajorStrides(shape);
    shape[ax] = to - from;
    Tensor out = DenseTensor.output(x, shape);
    x.backend().copy(shape, x.storage(), new View(from * strides[ax], strides), null, out.storage(), 0);
    return out;
  }

  /**
   * The tensors joined along {@code axis} (negative counts from the end), as NumPy's {@code
   * concatenate}: every other dimension, the dtype and the backend must agree.
   *
   * @throws ShapeMismatchException naming the first tensor that does not fit
   */
  public static Tensor concat(int axis, Tensor... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("concat: no tensors to join");
    }
    int[] shape = parts[0].shape();
    int ax = Shapes.normalizeAxis("concat", axis, shape);
    int total = 0;
    for (int i = 0; i < parts.length; i++) {
      Checks.notNull("concat", "tensor " + i, parts[i]);
      Checks.sameDtypeAndBackend("concat", parts[0], parts[i]);
      int[] other = parts[i].shape();
      other[ax] = shape[ax];
      if (!Arrays.equals(other, shape)) {
        throw new ShapeMismatchException("concat: tensor " + i + " " + Shapes.format(parts[i].shape())
            + " does not fit " + Shapes.format(parts[0].shape()) + " along axis " + ax
            + ": all dimensions but that one must agree");
      }
      total += parts[i].dim(ax);
    }
    int[] outShape = shape.clone();
    outShape[ax] = total;
    Tensor out = DenseTensor.output(parts[0], outShape);
    int outer = Shapes.product(shape, 0, ax);
    int inner = Shapes.product(shape, ax + 1, shape.length);
    int outBlock = total * inner;
    // Each part contributes one contiguous block per index of the leading axes.
    for (int i = 0, at = 0; i < parts.length; i++) {
      int block = parts[i].dim(ax) * inner;
      for (int o = 0; o < outer; o++) {
        out.storage().copyFrom(parts[i].storage(), o * block, o * outBlock + at, block);
      }
      at += block;
    }
    return out;
  }

  /** Copies {@code source} into {@code target}; dtypes and shapes must match. */
  public static void assign(Tensor source, Tensor target) {
    Checks.notNull("assign", "source", source);
    Checks.notNull("assign", "target", target);
    Checks.sameDtypeAndBackend("assign", source, target);
    Checks.sameShape("assign", source, target);
    copyRange(source, 0, target, 0, source.size());
  }

  private static void copyRange(Tensor from, int fromPos, Tensor to, int toPos, int length) {
    Checks.written(to);
    to.storage().copyFrom(from.storage(), fromPos, toPos, length);
  }

  /**
   * A new tensor of {@code shape} whose element at index i is x's at sum(i[d] * stride[d]), made
   * by the backend's copy kernel.
   */
  private static Tensor gatherStrided(Tensor x, int[] shape, int[] sourceStride) {
    Tensor out = DenseTensor.output(x, shape);
    x.backend().copy(shape, x.storage(), new View(0, sourceStride), null, out.storage(), 0);
    return out;
  }
}
