package io.nabla.backend;

/** The element type of a tensor. */
public enum DType {
  /** IEEE 754 single precision, stored in a {@code float[]}. The default for training. */
  FLOAT32,
  /** IEEE 754 double precision, stored in a {@code double[]}. Used for checking gradients. */
  FLOAT64;

  /** Rounds a double to the nearest value this dtype can hold. */
  public double round(double value) {
    return this == FLOAT32 ? (double) (float) value : value;
  }

  /** The dtype's name as users type it: {@code float32} or {@code float64}. */
  public String label() {
    return this == FLOAT32 ? "float32" : "float64";
  }

  /** The {@link #label()}, as NumPy prints a dtype and as the command line lists the choices. */
  @Override
  public String toString() {
    return label();
  }

  /**
   * The dtype with this label ({@code float32}, {@code float64}, also {@code f32}, {@code f64},
   * {@code float}, {@code double}), ignoring case.
   *
   * @throws IllegalArgumentException naming the text and the accepted labels
   */
  public static DType parse(String text) {
    switch (text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "float32":
      case "f32":
      case "float":
        return FLOAT32;
      case "float64":
      case "f64":
      case "double":
        return FLOAT64;
      default:
        throw new IllegalArgumentException(
            "unknown dtype '" + text + "'; expected float32 or float64");
    }
  }
}
