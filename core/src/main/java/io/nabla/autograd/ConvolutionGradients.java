package io.nabla.autograd;

import io.nabla.backend.ConvGeometry;
import io.nabla.tensor.ConvolutionOps;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.ReductionOps;
import io.nabla.tensor.ShapeMismatchException;
import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;

/**
 * Convolution and pooling over batches of images in NCHW layout, with their gradients, as the
 * book's chapter 7 computes them: the windows laid out as rows by im2col, a convolution as one
 * matrix product of those rows with the filters (unless the backend convolves directly, to the
 * same bits), a pooling as a reduction of each row, and every input gradient through col2im,
 * im2col's adjoint.
 */
final class ConvolutionGradients {

  private ConvolutionGradients() {}

  /**
   * The convolution of {@code input} [N, C, H, W] with {@code filters} [F, C, KH, KW] plus {@code
   * bias} [F] (or none), giving [N, F, OH, OW] ({@link ConvolutionOps#convolve}: the filters as a
   * matrix [F, C * KH * KW] times the windows as columns (im2col), the batch folded into one
   * product, unless the backend convolves directly). Backward: with G the output
   * gradient as [F, N * OH * OW], {@code dW = G . columns^T}, {@code db = the row sums of G} and
   * {@code dx = col2im(W^T . G)}, each computed only where wanted.
   */
  static Variable conv2d(Variable input, Variable filters, Variable bias, int stride, int padding) {
    Tensor x = input.value();
    Tensor w = filters.value();
    sameDtypeAndBackend(x, w, "filters");
    if (w.rank() != 4) {
      throw new ShapeMismatchException("conv2d: filters " + Shapes.format(w.shape())
          + " are not [filters, channels, height, width]");
    }
    ConvGeometry g = ConvolutionOps.geometry("conv2d", x, w.dim(2), w.dim(3), stride, padding);
    if (w.dim(1) != g.channels()) {
      throw new ShapeMismatchException("conv2d: filters " + Shapes.format(w.shape()) + " take "
          + w.dim(1) + " channels but input " + Shapes.format(x.shape()) + " has " + g.channels());
    }
    int f = w.dim(0);
    if (bias != null) {
      sameDtypeAndBackend(x, bias.value(), "bias");
      if (!bias.value().hasShape(f)) {
        throw new ShapeMismatchException("conv2d: bias " + Shapes.format(bias.value().shape())
            + " does not fit " + f + " filters: expected [" + f + "]");
      }
    }
    int plane = g.outHeight() * g.outWidth();
    ConvolutionOps.Convolved convolved = ConvolutionOps.convolve(x, w, bias == null ? null : bias.value(), g);
    Tensor out = convolved.out();
    Tensor flatFilters = w.reshape(f, g.windowSize());
    Variable[] inputs = bias == null ? new Variable[] {input, filters} : new Variable[] {input, filters, bias};
    return Node.record("conv2d", out, new Tensor[] {x, w}, gradOut -> {
      Tensor gByFilter = ShapeOps.permute(gradOut.reshape(g.batch(), f, plane), 1, 0, 2).reshape(f, g.windows());
      Tensor[] grads = new Tensor[inputs.length];
      if (input.requiresGrad()) {
        Tensor gColumns = x.zerosLike(g.windowSize(), g.windows());
        MatrixOps.gemm(true, false, 1.0, flatFilters, gByFilter, 0.0, gColumns);
        grads[0] = ConvolutionOps.col2im(gColumns, g);
      }
      if (filters.requiresGrad()) {
        // A backend that convolved directly kept no columns: they are made here, once.
        Tensor columns = convolved.columns() != null ? convolved.columns() : ConvolutionOps.im2col(x, g);
        Tensor dw = filters.gradientBuffer();
        MatrixOps.gemm(false, true, 1.0, gByFilter, columns, 0.0, dw.reshape(f, g.windowSize()));
        grads[1] = dw;
      }
      if (bias != null && bias.requiresGrad()) {
        Tensor db = bias.gradientBuffer();
        ReductionOps.sum(gByFilter, 1, db);
        grads[2] = db;
      }
      return grads;
    }, inputs);
  }

  /**
   * The maximum of each {@code size x size} window every {@code stride} pixels of each channel:
   * [N, C, H, W] to [N, C, OH, OW]. The gradient goes to the first maximum of each window (in row
   * order), as NumPy's argmax picks it in the book's pooling layer.
   */
  static Variable maxPool2d(Variable input, int size, int stride) {
    Tensor x = input.value();
    ConvGeometry g = ConvolutionOps.geometry("maxPool2d", x, size, size, stride, 0);
    ConvolutionOps.Pooled pooled = ConvolutionOps.maxPool(x, g);
    return Node.record("maxPool2d", pooled.max(), new Tensor[] {x}, gradOut -> {
      Tensor dx = x.zerosLike(x.shape());
      ShapeOps.scatterAdd(gradOut, pooled.argmax(), dx);
      return new Tensor[] {dx};
    }, input);
  }

  /** The mean of each {@code size x size} window every {@code stride} pixels of each channel. */
  static Variable avgPool2d(Variable input, int size, int stride) {
    Pooled p = pooled("avgPool2d", input.value(), size, stride);
    Tensor mean = ReductionOps.mean(p.columns, 0, false).reshape(p.outShape());
    return Node.record("avgPool2d", mean, Node.NOTHING_SAVED, gradOut -> {
      int windows = p.geometry.windows();
      Tensor gColumns = ShapeOps.broadcastTo(gradOut.reshape(1, windows), p.window(), windows).muli(1.0 / p.window());
      return new Tensor[] {p.backToInput(gColumns)};
    }, input);
  }

  /**
   * A pooling's windows: each channel taken as an image of one channel, so that im2col gives one
   * column per (image, channel, output position) and one row per pixel of the window.
   */
  private record Pooled(ConvGeometry geometry, Tensor columns, int[] inputShape) {

    int window() {
      return geometry.kernelHeight() * geometry.kernelWidth();
    }

    int[] outShape() {
      return new int[] {inputShape[0], inputShape[1], geometry.outHeight(), geometry.outWidth()};
    }

    /** The input's gradient from its columns' gradient. */
    Tensor backToInput(Tensor gColumns) {
      return ConvolutionOps.col2im(gColumns, geometry).reshape(inputShape);
    }
  }

  private static Pooled pooled(String operation, Tensor x, int size, int stride) {
    ConvolutionOps.geometry(operation, x, size, size, stride, 0); // the checks, on the shape the user gave
    int[] s = x.shape();
    Tensor planes = x.reshape(s[0] * s[1], 1, s[2], s[3]);
    ConvGeometry g = ConvolutionOps.geometry(operation, planes, size, size, stride, 0);
    return new Pooled(g, ConvolutionOps.im2col(planes, g), s);
  }

  private static void sameDtypeAndBackend(Tensor x, Tensor other, String name) {
    if (x.dtype() != other.dtype() || x.backend() != other.backend()) {
      throw new IllegalArgumentException("conv2d: input " + x.describe() + " on '" + x.backend().name()
          + "' and " + name + " " + other.describe() + " on '" + other.backend().name()
          + "' differ in dtype or backend");
    }
  }
}
