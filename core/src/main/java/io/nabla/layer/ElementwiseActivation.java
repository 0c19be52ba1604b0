package io.nabla.layer;

import io.nabla.autograd.Variable;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.Tensor;
import io.nabla.backend.UnaryOp;
import java.util.List;
import java.util.Objects;

/**
 * An activation applied element by element: {@code y = f(x)} by one {@link UnaryOp}, whose backward
 * pass automatic differentiation runs as one fused kernel of the input, the output and {@code dout}
 * ({@link Variable#map}). Every activation Nabla names ({@link Relu}, {@link Sigmoid}, and the
 * others of {@code io.nabla.model.Activation}) is one of these.
 */
public class ElementwiseActivation implements Layer {

  private final String name;
  private final UnaryOp function;

  /** The activation {@code name}, computing {@code function} elementwise. */
  public ElementwiseActivation(String name, UnaryOp function) {
    this.name = Objects.requireNonNull(name, "name");
    this.function = Objects.requireNonNull(function, "function");
  }

  /** The activation's name, as in messages: {@code relu}. */
  public String name() {
    return name;
  }

  /** The elementwise function. */
  public UnaryOp function() {
    return function;
  }

  @Override
  public Variable forward(Variable x) {
    return x.map(function);
  }

  /** {@inheritDoc} The function alone, as {@link #forward(Variable)} computes its value. */
  @Override
  public Tensor forward(Tensor x) {
    return ElementwiseOps.map(function, x);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
