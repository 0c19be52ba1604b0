package io.nabla.tensor;

/** Renders tensors as text in NumPy's nested-bracket style, eliding long axes. */
final class TensorFormat {

  private static final int EDGE_ITEMS = 3;

  private TensorFormat() {}

  static String format(Tensor t) {
    StringBuilder sb = new StringBuilder();
    sb.append(t.describe()).append(' ');
    append(sb, t, t.shape(), 0, 0);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Tensor t, int[] shape, int axis, int offset) {
    if (axis == shape.length) {
      sb.append(formatNumber(t.getFlat(offset)));
      return;
    }
    int stride = Shapes.product(shape, axis + 1, shape.length);
    int n = shape[axis];
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
        sb.append("..., ");
        i = n - EDGE_ITEMS;
      }
      append(sb, t, shape, axis + 1, offset + i * stride);
      if (i < n - 1) {
        sb.append(", ");
      }
    }
    sb.append(']');
  }

  private static String formatNumber(double v) {
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }
}
