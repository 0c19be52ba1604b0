package io.nabla.tensor;

/** Thrown when an operation's arguments have shapes its rules do not allow. */
public class ShapeMismatchException extends IllegalArgumentException {

  /** Creates the exception with a message that names the operation and the shapes at fault. */
  public ShapeMismatchException(String message) {
    super(message);
  }
}
