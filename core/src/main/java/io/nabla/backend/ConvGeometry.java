package io.nabla.backend;

/**
 * Where the windows of a 2-D convolution or pooling lie over a batch of images in NCHW layout
 * ([batch, channels, height, width], row-major): windows of {@code kernelHeight x kernelWidth}
 * every {@code stride} pixels, over the images framed by {@code padding} pixels of zeros on every
 * side. The kernels {@link Backend#im2col} and {@link Backend#col2im} take it; the tensor
 * package checks it against the tensors' shapes before any kernel runs.
 *
 * @param batch images in the batch
 * @param channels channels per image
 * @param height rows of each channel
 * @param width columns of each channel
 * @param kernelHeight rows of a window
 * @param kernelWidth columns of a window
 * @param stride pixels from one window to the next, down and across
 * @param padding zeros framing each side of the image
 */
public record ConvGeometry(int batch, int channels, int height, int width, int kernelHeight,
    int kernelWidth, int stride, int padding) {

  /**
   * @throws IllegalArgumentException if a size is negative, a window or the stride is not
   *     positive, or a window does not fit in the framed image
   */
  public ConvGeometry {
    if (batch < 0 || channels < 0 || height < 0 || width < 0 || kernelHeight < 1 || kernelWidth < 1
        || stride < 1 || padding < 0 || height + 2L * padding < kernelHeight
        || width + 2L * padding < kernelWidth || height + 2L * padding > Integer.MAX_VALUE
        || width + 2L * padding > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("convolution geometry: images [" + batch + ", " + channels
          + ", " + height + ", " + width + "], window " + kernelHeight + "x" + kernelWidth
          + ", stride " + stride + ", padding " + padding + ": sizes must not be negative, the"
          + " window and the stride must be positive, and the window must fit in the image"
          + " framed by the padding");
    }
  }

  /** Rows of the output: the windows that fit down the framed image. */
  public int outHeight() {
    return (height + 2 * padding - kernelHeight) / stride + 1;
  }

  /** Columns of the output: the windows that fit across the framed image. */
  public int outWidth() {
    return (width + 2 * padding - kernelWidth) / stride + 1;
  }

  /** Columns of the window matrix: one per image and window position, {@code batch * outHeight * outWidth}. */
  public int windows() {
    return batch * outHeight() * outWidth();
  }

  /** Rows of the window matrix: one per channel and window offset, {@code channels * kernelHeight * kernelWidth}. */
  public int windowSize() {
    return channels * kernelHeight * kernelWidth;
  }

  /** Elements of the images, {@code batch * channels * height * width}. */
  public int imageSize() {
    return batch * channels * height * width;
  }
}
