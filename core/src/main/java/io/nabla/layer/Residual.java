package io.nabla.layer;

import io.nabla.autograd.Variable;
import io.nabla.backend.DType;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * A residual (skip) connection {@code x + inner(x)}: the block of residual networks, whose inner
 * layers learn a correction to their input. The inner layers must keep the input's shape.
 */
public final class Residual implements Layer {

  private final Layer inner;

  /** The block {@code x + inner(x)}. */
  public Residual(Layer inner) {
    this.inner = Objects.requireNonNull(inner, "residual: inner layer is null");
  }

  /** The layers whose output is added to the input. */
  public Layer inner() {
    return inner;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException naming both shapes if the inner layers change the shape
   */
  @Override
  public Variable forward(Variable x) {
    Variable y = inner.forward(x);
    checkKeepsShape(x.shape(), y.shape());
    return x.add(y);
  }

  /** {@inheritDoc} The inner layers' inference pass, added to the input. */
  @Override
  public Tensor forward(Tensor x) {
    Tensor y = inner.forward(x);
    checkKeepsShape(x.shape(), y.shape());
    return x.add(y);
  }

  private static void checkKeepsShape(int[] in, int[] out) {
    if (!java.util.Arrays.equals(in, out)) {
      throw new IllegalArgumentException("residual: its inner layers map " + Shapes.format(in) + " to "
          + Shapes.format(out) + "; a residual block must keep the shape to add its input");
    }
  }

  @Override
  public List<Parameter> parameters() {
    return inner.parameters();
  }

  /** {@inheritDoc} The inner layers'. */
  @Override
  public java.util.Map<String, Tensor> buffers() {
    return inner.buffers();
  }

  @Override
  public Residual asType(DType dtype) {
    return new Residual(inner.asType(dtype));
  }
}
