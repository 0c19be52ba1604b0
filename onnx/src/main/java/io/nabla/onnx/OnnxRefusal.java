package io.nabla.onnx;

/**
 * Why a graph cannot be read, in one line naming the node, attribute or tensor at fault; {@link
 * OnnxImport} puts the file's name in front and throws it as an {@link java.io.IOException}.
 */
final class OnnxRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  OnnxRefusal(String message) {
    super(message, null, false, false);
  }
}
