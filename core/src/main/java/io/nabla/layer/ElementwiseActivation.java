package io.nabla.layer;

import io.nabla.backend.DType;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;
import java.util.Objects;

/**
 * An activation applied element by element: forward {@code y = f(x)} by one {@link UnaryOp},
 * backward {@code dx = dout * f'(x)} by one fused {@link TernaryOp} of the saved input, the saved
 * output and {@code dout}. Every activation Nabla names ({@link Relu}, {@link Sigmoid}, and the
 * others of {@code io.nabla.model.Activation}) is one of these.
 */
public class ElementwiseActivation implements Layer {

  private final String name;
  private final UnaryOp forward;
  private final TernaryOp backward;
  private Tensor input;
  private Tensor output;
  private Tensor inputGrad;

  /**
   * The activation {@code name}, computing {@code forward} and, backward, {@code backward} over
   * (input, output, output gradient).
   */
  public ElementwiseActivation(String name, UnaryOp forward, TernaryOp backward) {
    this.name = Objects.requireNonNull(name, "name");
    this.forward = Objects.requireNonNull(forward, "forward");
    this.backward = Objects.requireNonNull(backward, "backward");
  }

  /** The activation's name, as in messages: {@code relu}. */
  public String name() {
    return name;
  }

  @Override
  public Tensor forward(Tensor x) {
    input = x;
    output = Tensors.reuse(output, x, x.shape());
    ElementwiseOps.map(forward, x, output);
    return output;
  }

  @Override
  public Tensor backward(Tensor gradOut) {
    LayerState.checkBackward(name, output, gradOut);
    Tensor dx = Tensors.reuse(inputGrad, gradOut, gradOut.shape());
    inputGrad = dx;
    ElementwiseOps.ternary(backward, input, output, gradOut, dx);
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public ElementwiseActivation asType(DType dtype) {
    return new ElementwiseActivation(name, forward, backward);
  }
}
