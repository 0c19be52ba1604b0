package io.nabla.gradcheck;

/**
 * The line {@code y = slope * x + intercept}, as the chapter's {@code tangent_line} returns.
 *
 * @param slope the derivative at the point of contact
 * @param intercept the line's value at {@code x = 0}
 */
public record TangentLine(double slope, double intercept) {

  /** The line's value at {@code x}. */
  public double valueAt(double x) {
    return slope * x + intercept;
  }
}
