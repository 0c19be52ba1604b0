package io.nabla.layer;

import io.nabla.autograd.Variable;
import java.util.List;
import java.util.Objects;

/**
 * The avg pooling layer of the book's chapter 7: the mean of each {@code size x size} window
 * every {@code stride} pixels of each channel, [batch, channels, height, width] to [batch,
 * channels, outHeight, outWidth] ({@link Variable#avgPool2d}); no parameters.
 */
public final class AvgPool2d implements Layer {

  private final int size;
  private final int stride;

  /**
   * Windows of {@code size x size} every {@code stride} pixels.
   *
   * @throws IllegalArgumentException if either is not positive
   */
  public AvgPool2d(int size, int stride) {
    if (size < 1 || stride < 1) {
      throw new IllegalArgumentException("avgPool2d: window " + size + " and stride " + stride
          + " must be at least 1");
    }
    this.size = size;
    this.stride = stride;
  }

  /** A window's rows and columns. */
  public int size() {
    return size;
  }

  /** Pixels from one window to the next. */
  public int stride() {
    return stride;
  }

  @Override
  public Variable forward(Variable x) {
    Objects.requireNonNull(x, "avgPool2d.forward: input is null");
    return x.avgPool2d(size, stride);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
