package io.nabla.autograd;

import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The shape operations of {@link Variable}, which move elements without arithmetic, and their gradients. */
final class ShapeGradients {

  private ShapeGradients() {}

  /** A view in another shape; the gradient is the output's, viewed in the input's shape. */
  static Variable reshape(Variable a, int[] shape) {
    int[] from = a.shape();
    return Node.record("reshape", a.value().reshape(shape), Node.NOTHING_SAVED,
        g -> new Tensor[] {g.reshape(from)}, a);
  }

  /** Reordered axes; the gradient goes back through the inverse permutation. */
  static Variable permute(Variable a, int... axes) {
    Tensor out = ShapeOps.permute(a.value(), axes);
    int[] inverse = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      inverse[axes[i]] = i;
    }
    return Node.record("permute", out, Node.NOTHING_SAVED, g -> new Tensor[] {ShapeOps.permute(g, inverse)}, a);
  }

  /** The elements [from, to) along an axis; the gradient is the output's, with zeros around it. */
  static Variable slice(Variable a, int axis, int from, int to) {
    Tensor x = a.value();
    Tensor out = ShapeOps.slice(x, axis, from, to);
    int ax = axis < 0 ? axis + x.rank() : axis;
    return Node.record("slice", out, Node.NOTHING_SAVED, g -> {
      List<Tensor> parts = new ArrayList<>();
      int[] shape = x.shape();
      if (from > 0) {
        shape[ax] = from;
        parts.add(x.zerosLike(shape));
      }
      parts.add(g);
      if (to < x.dim(ax)) {
        shape[ax] = x.dim(ax) - to;
        parts.add(x.zerosLike(shape));
      }
      return new Tensor[] {parts.size() == 1 ? g : ShapeOps.concat(ax, parts.toArray(new Tensor[0]))};
    }, a);
  }

  /** Parts joined along an axis; each part's gradient is its slice of the output's. */
  static Variable concat(int axis, List<Variable> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat: no variables to join");
    }
    Tensor[] values = parts.stream().map(Variable::value).toArray(Tensor[]::new);
    Tensor out = ShapeOps.concat(axis, values);
    int ax = axis < 0 ? axis + out.rank() : axis;
    return Node.record("concat", out, Node.NOTHING_SAVED, g -> {
      Tensor[] grads = new Tensor[values.length];
      for (int i = 0, at = 0; i < values.length; i++) {
        int size = values[i].dim(ax);
        grads[i] = parts.get(i).requiresGrad() ? ShapeOps.slice(g, ax, at, at + size) : null;
        at += size;
      }
      return grads;
    }, parts.toArray(new Variable[0]));
  }

  /** Rows by index; the gradient of a row is the sum of the output rows taken from it. */
  static Variable gatherRows(Variable a, int[] indices) {
    Tensor x = a.value();
    int[] rows = indices.clone();
    Tensor out = ShapeOps.gatherRows(x, rows);
    return Node.record("gatherRows", out, Node.NOTHING_SAVED, g -> {
      Tensor dx = x.zerosLike();
      int rowSize = x.dim(0) == 0 ? 0 : x.size() / x.dim(0);
      boolean[] written = new boolean[x.dim(0)];
      for (int i = 0; i < rows.length; i++) {
        int r = rows[i];
        if (!written[r]) {
          dx.storage().copyFrom(g.storage(), i * rowSize, r * rowSize, rowSize);
          written[r] = true;
        } else {
          // A row taken again: add this output row's gradient to it, element by element.
          for (int j = 0; j < rowSize; j++) {
            dx.storage().set(r * rowSize + j, dx.storage().get(r * rowSize + j) + g.storage().get(i * rowSize + j));
          }
        }
      }
      return new Tensor[] {dx};
    }, a);
  }
}
