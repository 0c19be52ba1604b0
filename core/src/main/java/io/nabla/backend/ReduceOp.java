package io.nabla.backend;

/** Reductions along one axis, as taken by {@link Backend#reduce}. */
public enum ReduceOp {
  /** Sum of the elements; 0 over no elements. */
  SUM(0.0),
  /** Largest element; negative infinity over no elements. */
  MAX(Double.NEGATIVE_INFINITY),
  /** Smallest element; positive infinity over no elements. */
  MIN(Double.POSITIVE_INFINITY);

  private final double identity;

  ReduceOp(double identity) {
    this.identity = identity;
  }

  /** The value of the reduction over no elements, and the start of every accumulation. */
  public double identity() {
    return identity;
  }

  /** Combines an accumulator with one more element. */
  public double combine(double accumulator, double x) {
    switch (this) {
      case SUM:
        return accumulator + x;
      case MAX:
        // NaN propagates, as in NumPy: a NaN anywhere makes the max NaN.
        return (x > accumulator || Double.isNaN(x)) ? x : accumulator;
      case MIN:
        return (x < accumulator || Double.isNaN(x)) ? x : accumulator;
      default:
        throw new AssertionError(this);
    }
  }
}
