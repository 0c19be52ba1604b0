package io.nabla.backend;

/**
 * Elementwise functions of three arguments, as taken by {@link Backend#ternary}: NumPy's {@code
 * where}, and the backward passes of the elementwise activations fused into one kernel each. Each
 * constant's {@link #apply} is the double-precision definition that backends must match within
 * rounding.
 *
 * <p>A backward form reads {@code (x, y, g)}: the activation's input {@code x}, its output {@code
 * y = f(x)} and the gradient {@code g} of the loss with respect to {@code y}; it gives {@code g *
 * f'(x)}, from whichever of {@code x} and {@code y} is cheaper. A new activation is a {@link
 * UnaryOp} for its forward pass and a constant here for its backward pass.
 */
public enum TernaryOp {
  /** {@code a != 0 ? b : c}, NumPy's {@code where(a, b, c)}; NaN counts as true, as in NumPy. */
  WHERE {
    @Override
    public double apply(double a, double b, double c) {
      return a != 0 ? b : c;
    }
  },
  /** ReLU's backward pass: {@code x > 0 ? g : 0}. */
  RELU_BACKWARD {
    @Override
    public double apply(double x, double y, double g) {
      return x > 0 ? g : 0;
    }
  },
  /** The sigmoid's backward pass from its output: {@code g * y * (1 - y)}. */
  SIGMOID_BACKWARD {
    @Override
    public double apply(double x, double y, double g) {
      return g * y * (1 - y);
    }
  },
  /** Tanh's backward pass from its output: {@code g * (1 - y^2)}. */
  TANH_BACKWARD {
    @Override
    public double apply(double x, double y, double g) {
      return g * (1 - y * y);
    }
  },
  /** Leaky ReLU's backward pass: {@code x > 0 ? g : slope * g}, the slope of {@link UnaryOp#LEAKY_RELU}. */
  LEAKY_RELU_BACKWARD {
    @Override
    public double apply(double x, double y, double g) {
      return x > 0 ? g : UnaryOp.LEAKY_RELU_SLOPE * g;
    }
  };

  /** The function's value at {@code (a, b, c)}, in double precision. */
  public abstract double apply(double a, double b, double c);

  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  /** The lower-case name, for messages: {@code where}. Computed once, so checks allocate nothing. */
  public String label() {
    return label;
  }
}
