package io.nabla.layer;

import io.nabla.autograd.Variable;
import io.nabla.backend.DType;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * The 2-D convolution layer of the book's chapter 7: filters {@code W} [filters, channels,
 * height, width] slid every {@code stride} pixels over a batch of images [batch, channels, height,
 * width] framed by {@code padding} zeros, plus a bias {@code b} [filters]; the output is [batch,
 * filters, outHeight, outWidth] ({@link Variable#conv2d}). Automatic differentiation gives its
 * backward pass through im2col and col2im.
 */
public final class Conv2d implements Layer {

  private final Parameter filters;
  private final Parameter bias;
  private final int stride;
  private final int padding;

  /**
   * A convolution over the given tensors (used in place, not copied).
   *
   * @throws IllegalArgumentException naming the shapes if they do not fit, or if the stride is
   *     not positive or the padding negative
   */
  public Conv2d(String filtersName, Tensor filters, String biasName, Tensor bias, int stride, int padding) {
    this(new Parameter(filtersName, Objects.requireNonNull(filters, "conv2d: filters are null")),
        new Parameter(biasName, Objects.requireNonNull(bias, "conv2d: bias is null")), stride, padding);
    if (filters.rank() != 4) {
      throw new IllegalArgumentException("conv2d: filters " + filtersName + " " + Shapes.format(filters.shape())
          + " are not [filters, channels, height, width]");
    }
    if (!bias.hasShape(filters.dim(0)) || bias.dtype() != filters.dtype()) {
      throw new IllegalArgumentException("conv2d: bias " + biasName + " is " + bias.describe()
          + " but filters " + filtersName + " are " + filters.describe() + "; the bias must be "
          + filters.dtype().label() + Shapes.format(filters.dim(0)));
    }
    if (stride < 1 || padding < 0) {
      throw new IllegalArgumentException("conv2d: stride " + stride + " and padding " + padding
          + ": the stride must be at least 1 and the padding at least 0");
    }
  }

  private Conv2d(Parameter filters, Parameter bias, int stride, int padding) {
    this.filters = filters;
    this.bias = bias;
    this.stride = stride;
    this.padding = padding;
  }

  /** The filters' parameter, [filters, channels, height, width]. */
  public Parameter filters() {
    return filters;
  }

  /** Pixels from one window to the next. */
  public int stride() {
    return stride;
  }

  /** Zeros framing each side of the images. */
  public int padding() {
    return padding;
  }

  @Override
  public Variable forward(Variable x) {
    Objects.requireNonNull(x, "conv2d.forward: input is null");
    return x.conv2d(filters.variable(), bias.variable(), stride, padding);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(filters, bias);
  }

  @Override
  public Conv2d asType(DType dtype) {
    return new Conv2d(new Parameter(filters.name(), filters.value().asType(dtype)),
        new Parameter(bias.name(), bias.value().asType(dtype)), stride, padding);
  }
}
