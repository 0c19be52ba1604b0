package io.nabla.tensor;

import io.nabla.backend.Backend;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.View;

/**
 * The window operations of convolutional nets on batches of images in NCHW layout ([batch,
 * channels, height, width]): im2col (the book's, transposed), which lays each window out as a
 * column so that a convolution is one matrix product, its adjoint col2im, and max pooling. Shapes are checked here, with
 * messages naming the operation, before a kernel runs.
 */
public final class ConvolutionOps {

  private ConvolutionOps() {}

  /**
   * The windows {@code kernelHeight x kernelWidth} every {@code stride} pixels over {@code images}
   * framed by {@code padding} zeros.
   *
   * @param operation the name for messages, e.g. {@code conv2d}
   * @throws ShapeMismatchException if the images are not [batch, channels, height, width] or a
   *     window does not fit
   * @throws IllegalArgumentException if the window or stride is not positive, the padding
   *     negative, or the column matrix would exceed 2^31 - 1 elements
   */
  public static ConvGeometry geometry(String operation, Tensor images, int kernelHeight,
      int kernelWidth, int stride, int padding) {
    Checks.notNull(operation, "input", images);
    int[] s = images.shape();
    if (s.length != 4) {
      throw new ShapeMismatchException(operation + ": input " + Shapes.format(s)
          + " is not a batch of images [batch, channels, height, width]");
    }
    if (kernelHeight < 1 || kernelWidth < 1 || stride < 1 || padding < 0) {
      throw new IllegalArgumentException(operation + ": window " + kernelHeight + "x" + kernelWidth
          + ", stride " + stride + " and padding " + padding + ": the window and the stride must be"
          + " at least 1 and the padding at least 0");
    }
    if (s[2] + 2L * padding < kernelHeight || s[3] + 2L * padding < kernelWidth
        || s[2] + 2L * padding > Integer.MAX_VALUE || s[3] + 2L * padding > Integer.MAX_VALUE) {
      throw new ShapeMismatchException(operation + ": window " + kernelHeight + "x" + kernelWidth
          + " does not fit in input " + Shapes.format(s) + " with padding " + padding);
    }
    ConvGeometry g = new ConvGeometry(s[0], s[1], s[2], s[3], kernelHeight, kernelWidth, stride, padding);
    long windows = (long) g.batch() * g.outHeight() * g.outWidth();
    long cells = windows * g.windowSize();
    if (windows > Integer.MAX_VALUE || cells > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(operation + ": input " + Shapes.format(s) + " with window "
          + kernelHeight + "x" + kernelWidth + " makes " + cells + " window elements, more than a"
          + " tensor holds (2^31 - 1); use smaller batches");
    }
    return g;
  }

  /**
   * A new matrix [g.windowSize(), g.windows()]: column {@code (n, oh, ow)} is the window at output
   * position (oh, ow) of image n, its rows in the order (channel, row, column), with zeros where
   * it reaches into the padding ({@link io.nabla.backend.Backend#im2col}).
   */
  public static Tensor im2col(Tensor images, ConvGeometry g) {
    Checks.notNull("im2col", "images", images);
    Checks.shapeIs("im2col", "images", images, g.batch(), g.channels(), g.height(), g.width());
    Tensor columns = DenseTensor.output(images, g.windowSize(), g.windows());
    images.backend().im2col(g, images.storage(), columns.storage());
    return columns;
  }

  /** A convolution's output, and the im2col matrix it was computed from (null if none was). */
  public record Convolved(Tensor out, Tensor columns) {}

  /**
   * The convolution of {@code images} [N, C, H, W] with {@code filters} [F, C, KH, KW] plus {@code
   * bias} [F] (or null), windows as {@code g} says: [N, F, OH, OW]. The backend computes it where
   * it {@linkplain io.nabla.backend.Backend#convolve convolves} directly (no columns then); else it
   * is the book's chapter 7: the filters as a matrix [F, C * KH * KW] times the columns of {@link
   * #im2col}, the batch folded into one product, the bias added and [F, N, OH * OW] read as [N, F,
   * OH * OW].
   *
   * @throws ShapeMismatchException if the images are not as {@code g} says, the filters not [F, C,
   *     KH, KW] or the bias not [F]
   * @throws IllegalArgumentException naming the operand of another dtype or backend
   */
  public static Convolved convolve(Tensor images, Tensor filters, Tensor bias, ConvGeometry g) {
    Checks.notNull("convolve", "images", images);
    Checks.notNull("convolve", "filters", filters);
    Checks.shapeIs("convolve", "images", images, g.batch(), g.channels(), g.height(), g.width());
    Checks.sameDtypeAndBackend("convolve", images, filters);
    int[] s = filters.shape();
    if (s.length != 4 || s[1] != g.channels() || s[2] != g.kernelHeight() || s[3] != g.kernelWidth()) {
      throw new ShapeMismatchException("convolve: filters " + Shapes.format(s) + " are not [filters, "
          + g.channels() + ", " + g.kernelHeight() + ", " + g.kernelWidth() + "]");
    }
    int f = s[0];
    if (bias != null) {
      Checks.sameDtypeAndBackend("convolve", images, bias);
      Checks.shapeIs("convolve", "bias", bias, f);
    }
    int plane = g.outHeight() * g.outWidth();
    Tensor out = DenseTensor.output(images, g.batch(), f, g.outHeight(), g.outWidth());
    Backend backend = images.backend();
    if (backend.convolve(g, f, images.storage(), filters.storage(),
        bias == null ? null : bias.storage(), out.storage())) {
      return new Convolved(out, null);
    }
    Tensor columns = im2col(images, g);
    Tensor byFilter = MatrixOps.matmul(filters.reshape(f, g.windowSize()), columns);
    if (bias != null) {
      byFilter.addi(bias.reshape(f, 1));
    }
    // [F, N, OH * OW] read as [N, F, OH * OW]: runs of a whole output plane.
    backend.copy(new int[] {g.batch(), f, plane}, byFilter.storage(),
        new View(0, new int[] {plane, g.batch() * plane, 1}), null, out.storage(), 0);
    return new Convolved(out, columns);
  }

  /** The maxima of a max pooling and where each was: flat indices into the images. */
  public record Pooled(Tensor max, int[] argmax) {}

  /**
   * Max pooling: [batch, channels, outHeight, outWidth], each element the largest of its window
   * of each channel (the first in row order, or a NaN), and its flat index into {@code images}
   * ({@link io.nabla.backend.Backend#maxPool}).
   *
   * @throws IllegalArgumentException if the padding is more than half the window (a window
   *     could lie in the padding alone)
   */
  public static Pooled maxPool(Tensor images, ConvGeometry g) {
    Checks.notNull("maxPool", "images", images);
    Checks.shapeIs("maxPool", "images", images, g.batch(), g.channels(), g.height(), g.width());
    if (2 * g.padding() > Math.min(g.kernelHeight(), g.kernelWidth())
        || g.padding() > 0 && (g.height() == 0 || g.width() == 0)) {
      throw new IllegalArgumentException("maxPool: padding " + g.padding() + " with window "
          + g.kernelHeight() + "x" + g.kernelWidth() + " over images " + g.height() + "x" + g.width()
          + ": a window could lie in the padding alone (the padding must be at most half the window, and the"
          + " images not empty)");
    }
    Tensor max = DenseTensor.output(images, g.batch(), g.channels(), g.outHeight(), g.outWidth());
    int[] argmax = new int[max.size()];
    images.backend().maxPool(g, images.storage(), max.storage(), argmax);
    return new Pooled(max, argmax);
  }

  /**
   * A new batch of images [batch, channels, height, width]: each pixel the sum of the elements of
   * {@code columns} that {@link #im2col} would copy from it, the adjoint of im2col (a
   * convolution's input gradient from its columns' gradient).
   */
  public static Tensor col2im(Tensor columns, ConvGeometry g) {
    Checks.notNull("col2im", "columns", columns);
    Checks.shapeIs("col2im", "columns", columns, g.windowSize(), g.windows());
    Tensor images = DenseTensor.output(columns, g.batch(), g.channels(), g.height(), g.width());
    columns.backend().col2im(g, columns.storage(), images.storage());
    return images;
  }
}
