package io.nabla.model;

import io.nabla.Version;
import io.nabla.backend.DType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What it takes to run a saved {@link FeedForwardNet} again: its layer sizes, hidden activation
 * and dtype, and the Nabla version that saved it; and, when a training run saved it, how it was
 * trained ({@link TrainingRecord}). Stored as {@code key=value} lines, one text
 * entry of the model's {@code .npz} (see {@link ModelFile}), readable by a person and by NumPy. A
 * net with one hidden layer is written in the format every Nabla version reads ({@value
 * #TWO_LAYER_FORMAT}, with {@code input_size}, {@code hidden_size}, {@code output_size}); other
 * depths as {@value #MULTI_LAYER_FORMAT} with {@code layer_sizes=784,100,50,10}. The training
 * record's {@code training.*} lines follow; a reader skips keys it does not know, so files of
 * either age are read by versions of either age (a file without the lines has no record). Within
 * a format, later versions only add keys; changing what an existing key means takes a new format
 * line, which older readers refuse by name.
 *
 * @param activation the hidden activation
 * @param layerSizes inputs first (784 for MNIST), classes last
 * @param dtype the parameters' element type when saved
 * @param nablaVersion the version of Nabla that saved the model
 * @param training how it was trained, if it was saved by a training run that said so
 */
public record ModelDescription(
    Activation activation, List<Integer> layerSizes, DType dtype, String nablaVersion,
    Optional<TrainingRecord> training) {

  /** The first line of the description of a net with one hidden layer. */
  static final String TWO_LAYER_FORMAT = "format=nabla-two-layer-net/1";

  /** The first line of the description of a net of any other depth. */
  static final String MULTI_LAYER_FORMAT = "format=nabla-multi-layer-net/1";

  /** Keeps an unmodifiable copy of the sizes. */
  public ModelDescription {
    layerSizes = List.copyOf(layerSizes);
    Objects.requireNonNull(training, "training");
    if (layerSizes.size() < 2) {
      throw new IllegalArgumentException("a net has at least two layer sizes, got " + layerSizes);
    }
  }

  /** The description of a net without a training record. */
  public ModelDescription(Activation activation, List<Integer> layerSizes, DType dtype, String nablaVersion) {
    this(activation, layerSizes, dtype, nablaVersion, Optional.empty());
  }

  /** The description of a net with one hidden layer, without a training record. */
  public ModelDescription(
      Activation activation, int inputSize, int hiddenSize, int outputSize, DType dtype, String nablaVersion) {
    this(activation, List.of(inputSize, hiddenSize, outputSize), dtype, nablaVersion);
  }

  /** The description of a net, saved by this version of Nabla, without a training record. */
  public static ModelDescription of(FeedForwardNet net) {
    return new ModelDescription(net.activation(), net.layerSizes(), net.dtype(), Version.current());
  }

  /** The description of a net, saved by this version of Nabla, with how it was trained. */
  public static ModelDescription of(FeedForwardNet net, TrainingRecord training) {
    return new ModelDescription(net.activation(), net.layerSizes(), net.dtype(), Version.current(),
        Optional.of(training));
  }

  /** Inputs per sample. */
  public int inputSize() {
    return layerSizes.get(0);
  }

  /** Classes. */
  public int outputSize() {
    return layerSizes.get(layerSizes.size() - 1);
  }

  /** The {@code key=value} lines, starting with the format line. */
  public String toText() {
    String sizes = layerSizes.size() == 3
        ? TWO_LAYER_FORMAT + "\n"
            + "activation=" + activation.label() + "\n"
            + "input_size=" + layerSizes.get(0) + "\n"
            + "hidden_size=" + layerSizes.get(1) + "\n"
            + "output_size=" + layerSizes.get(2) + "\n"
        : MULTI_LAYER_FORMAT + "\n"
            + "activation=" + activation.label() + "\n"
            + "layer_sizes=" + layerSizes.stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n";
    return sizes + "dtype=" + dtype.label() + "\n" + "nabla_version=" + nablaVersion + "\n"
        + training.map(TrainingRecord::toText).orElse("");
  }

  /**
   * Parses {@link #toText()}'s lines, in either format.
   *
   * @param source what to call the text in messages (file and entry)
   * @throws IOException naming the source and the line or key at fault
   */
  public static ModelDescription parse(String source, String text) throws IOException {
    String[] lines = text.strip().split("\n");
    String format = lines[0].strip();
    if (!format.equals(TWO_LAYER_FORMAT) && !format.equals(MULTI_LAYER_FORMAT)) {
      throw new IOException(source + ": first line is '" + lines[0] + "', expected '" + TWO_LAYER_FORMAT
          + "' or '" + MULTI_LAYER_FORMAT + "'");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq <= 0) {
        throw new IOException(source + ": line " + (i + 1) + " '" + lines[i] + "' is not key=value");
      }
      values.put(lines[i].substring(0, eq).strip(), lines[i].substring(eq + 1).strip());
    }
    List<Integer> sizes = new ArrayList<>();
    if (format.equals(TWO_LAYER_FORMAT)) {
      for (String key : new String[] {"input_size", "hidden_size", "output_size"}) {
        sizes.add(size(source, key, required(source, values, key)));
      }
    } else {
      String list = required(source, values, "layer_sizes");
      for (String part : list.split(",", -1)) {
        sizes.add(size(source, "layer_sizes", part.strip()));
      }
      if (sizes.size() < 2) {
        throw new IOException(source + ": layer_sizes is '" + list + "'; a net has at least two");
      }
    }
    try {
      return new ModelDescription(
          Activation.valueOf(required(source, values, "activation").toUpperCase(Locale.ROOT)),
          sizes, DType.parse(required(source, values, "dtype")), required(source, values, "nabla_version"),
          TrainingRecord.parse(source, values));
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

  private static int size(String source, String key, String text) throws IOException {
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
