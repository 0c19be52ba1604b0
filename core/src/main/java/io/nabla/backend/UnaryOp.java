package io.nabla.backend;

/**
 * Elementwise functions of one argument, as taken by {@link Backend#map}. Each constant's {@link
 * #apply} is the double-precision definition that backends must match within rounding.
 */
public enum UnaryOp {
  /** {@code -x}. */
  NEGATE {
    @Override
    public double apply(double x) {
      return -x;
    }
  },
  /** {@code |x|}. */
  ABS {
    @Override
    public double apply(double x) {
      return Math.abs(x);
    }
  },
  /** {@code e^x}. */
  EXP {
    @Override
    public double apply(double x) {
      return Math.exp(x);
    }
  },
  /** Natural logarithm {@code ln x}. */
  LOG {
    @Override
    public double apply(double x) {
      return Math.log(x);
    }
  },
  /** {@code sqrt(x)}. */
  SQRT {
    @Override
    public double apply(double x) {
      return Math.sqrt(x);
    }
  },
  /** {@code x^2}. */
  SQUARE {
    @Override
    public double apply(double x) {
      return x * x;
    }
  },
  /** {@code 1/x}. */
  RECIPROCAL {
    @Override
    public double apply(double x) {
      return 1.0 / x;
    }
  },
  /** The logistic function {@code 1 / (1 + e^-x)}. */
  SIGMOID {
    @Override
    public double apply(double x) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
  },
  /** {@code max(0, x)}. */
  RELU {
    @Override
    public double apply(double x) {
      return Math.max(x, 0.0); // NaN stays NaN, as NumPy's maximum(x, 0)
    }
  },
  /** {@code tanh(x)}. */
  TANH {
    @Override
    public double apply(double x) {
      return Math.tanh(x);
    }
  },
  /** {@code x > 0 ? x : slope * x}, with the slope {@link #LEAKY_RELU_SLOPE}. */
  LEAKY_RELU {
    @Override
    public double apply(double x) {
      return x > 0 ? x : LEAKY_RELU_SLOPE * x;
    }
  };

  /** Leaky ReLU's slope for negative inputs: 0.01, the default of PyTorch's LeakyReLU and ONNX's LeakyRelu. */
  public static final double LEAKY_RELU_SLOPE = 0.01;

  /** The function's value at {@code x}, in double precision. */
  public abstract double apply(double x);

  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  /** The lower-case name, for messages: {@code sigmoid}. Computed once, so checks allocate nothing. */
  public String label() {
    return label;
  }
}
