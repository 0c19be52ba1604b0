package io.nabla.backend;

/**
 * Elementwise functions of two arguments, as taken by {@link Backend#binary} (with broadcasting)
 * and {@link Backend#binaryScalar}. Each constant's {@link #apply} is the double-precision definition that backends must
 * match within rounding.
 */
public enum BinaryOp {
  /** {@code a + b}. */
  ADD {
    @Override
    public double apply(double a, double b) {
      return a + b;
    }
  },
  /** {@code a - b}. */
  SUBTRACT {
    @Override
    public double apply(double a, double b) {
      return a - b;
    }
  },
  /** {@code a * b}. */
  MULTIPLY {
    @Override
    public double apply(double a, double b) {
      return a * b;
    }
  },
  /** {@code a / b}. */
  DIVIDE {
    @Override
    public double apply(double a, double b) {
      return a / b;
    }
  },
  /** {@code a^b}. */
  POWER {
    @Override
    public double apply(double a, double b) {
      return Math.pow(a, b);
    }
  },
  /** {@code max(a, b)}. */
  MAXIMUM {
    @Override
    public double apply(double a, double b) {
      return Math.max(a, b);
    }
  },
  /** {@code min(a, b)}. */
  MINIMUM {
    @Override
    public double apply(double a, double b) {
      return Math.min(a, b);
    }
  };

  /** The function's value at {@code (a, b)}, in double precision. */
  public abstract double apply(double a, double b);

  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  /** The lower-case name, for messages: {@code add}. Computed once, so checks allocate nothing. */
  public String label() {
    return label;
  }

  /** Whether {@code apply(a, b) == apply(b, a)} for all arguments. */
  public boolean isCommutative() {
    return this == ADD || this == MULTIPLY || this == MAXIMUM || this == MINIMUM;
  }
}
