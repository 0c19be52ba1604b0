package io.nabla.model;

import io.nabla.Version;
import io.nabla.tensor.DType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What it takes to run a saved {@link TwoLayerNet} again: its layer sizes, hidden activation and
 * dtype, and the Nabla version that saved it. Stored as {@code key=value} lines, one text entry
 * of the model's {@code .npz} (see {@link ModelFile}), readable by a person and by NumPy.
 *
 * @param activation the hidden activation
 * @param inputSize inputs (784 for MNIST)
 * @param hiddenSize hidden units
 * @param outputSize classes
 * @param dtype the parameters' element type when saved
 * @param nablaVersion the version of Nabla that saved the model
 */
public record ModelDescription(
    Activation activation, int inputSize, int hiddenSize, int outputSize, DType dtype, String nablaVersion) {

  /** The first line of every description; a new layout gets a new number. */
  static final String FORMAT = "format=nabla-two-layer-net/1";

  /** The description of a net, saved by this version of Nabla. */
  public static ModelDescription of(TwoLayerNet net) {
    return new ModelDescription(net.activation(), net.inputSize(), net.hiddenSize(), net.outputSize(),
        net.dtype(), Version.current());
  }

  /** The {@code key=value} lines, starting with the format line. */
  public String toText() {
    return FORMAT + "\n"
        + "activation=" + activation.label() + "\n"
        + "input_size=" + inputSize + "\n"
        + "hidden_size=" + hiddenSize + "\n"
        + "output_size=" + outputSize + "\n"
        + "dtype=" + dtype.label() + "\n"
        + "nabla_version=" + nablaVersion + "\n";
  }

  /**
   * Parses {@link #toText()}'s lines.
   *
   * @param source what to call the text in messages (file and entry)
   * @throws IOException naming the source and the line or key at fault
   */
  public static ModelDescription parse(String source, String text) throws IOException {
    String[] lines = text.strip().split("\n");
    if (!lines[0].strip().equals(FORMAT)) {
      throw new IOException(source + ": first line is '" + lines[0] + "', expected '" + FORMAT + "'");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq <= 0) {
        throw new IOException(source + ": line " + (i + 1) + " '" + lines[i] + "' is not key=value");
      }
      values.put(lines[i].substring(0, eq).strip(), lines[i].substring(eq + 1).strip());
    }
    try {
      return new ModelDescription(
          Activation.valueOf(required(source, values, "activation").toUpperCase(Locale.ROOT)),
          size(source, values, "input_size"), size(source, values, "hidden_size"),
          size(source, values, "output_size"), DType.parse(required(source, values, "dtype")),
          required(source, values, "nabla_version"));
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private static String required(String source, Map<String, String> values, String key) throws IOException {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw new IOException(source + ": no " + key + "; found " + values.keySet());
    }
    return value;
  }

  private static int size(String source, Map<String, String> values, String key) throws IOException {
    String text = required(source, values, key);
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IOException(source + ": " + key + " is '" + text + "', not a positive integer");
  }
}
