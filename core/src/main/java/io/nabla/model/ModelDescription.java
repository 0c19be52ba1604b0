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
 * What it takes to run a saved {@link Net} again: its {@link Architecture}, the shape of a sample
 * it takes, its dtype, and the Nabla version that saved it; and, when a training run saved it, how
 * it was trained ({@link TrainingRecord}). Stored as {@code key=value} lines, one text entry of the
 * model's {@code .npz} (see {@link ModelFile}), readable by a person and by NumPy.
 *
 * <p>A fully connected net is written in the formats every Nabla version reads: one hidden layer as
 * {@value #TWO_LAYER_FORMAT} (with {@code activation}, {@code input_size}, {@code hidden_size},
 * {@code output_size}), other depths as {@value #MULTI_LAYER_FORMAT} with {@code
 * layer_sizes=784,100,50,10}. Any other net as {@value #NET_FORMAT}, with {@code net=} its
 * architecture's text and {@code input_shape=} a sample's sizes, comma-separated. The training
 * record's {@code training.*} lines follow; a reader skips keys it does not know, so files of
 * either age are read by versions of either age (a file without the lines has no record). Within a
 * format, later versions only add keys; changing what an existing key means takes a new format
 * line, which older readers refuse by name.
 *
 * @param architecture the layers
 * @param inputShape a sample's shape, without the batch dimension ([784] for MNIST as vectors)
 * @param dtype the parameters' element type when saved
 * @param nablaVersion the version of Nabla that saved the model
 * @param training how it was trained, if it was saved by a training run that said so
 */
public record ModelDescription(
    Architecture architecture, List<Integer> inputShape, DType dtype, String nablaVersion,
    Optional<TrainingRecord> training) {

  /** The first line of the description of a net with one hidden layer. */
  static final String TWO_LAYER_FORMAT = "format=nabla-two-layer-net/1";

  /** The first line of the description of a fully connected net of any other depth. */
  static final String MULTI_LAYER_FORMAT = "format=nabla-multi-layer-net/1";

  /** The first line of the description of any other net. */
  static final String NET_FORMAT = "format=nabla-net/1";

  /** Keeps unmodifiable copies, and checks that the layers take the input. */
  public ModelDescription {
    Objects.requireNonNull(architecture, "architecture");
    inputShape = List.copyOf(inputShape);
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(training, "training");
    architecture.outputShape(inputShape);
  }

  /** The description of a fully connected net, with the given training record. */
  public ModelDescription(Activation activation, List<Integer> layerSizes, DType dtype, String nablaVersion,
      Optional<TrainingRecord> training) {
    this(Architecture.feedForward(activation, layerSizes), List.of(layerSizes.get(0)), dtype, nablaVersion,
        training);
  }

  /** The description of a fully connected net without a training record. */
  public ModelDescription(Activation activation, List<Integer> layerSizes, DType dtype, String nablaVersion) {
    this(activation, layerSizes, dtype, nablaVersion, Optional.empty());
  }

  /** The description of a net with one hidden layer, without a training record. */
  public ModelDescription(
      Activation activation, int inputSize, int hiddenSize, int outputSize, DType dtype, String nablaVersion) {
    this(activation, List.of(inputSize, hiddenSize, outputSize), dtype, nablaVersion);
  }

  /** The description of a net, saved by this version of Nabla, without a training record. */
  public static ModelDescription of(Net net) {
    return new ModelDescription(net.architecture(), net.inputShape(), net.dtype(), Version.current(),
        Optional.empty());
  }

  /** The description of a net, saved by this version of Nabla, with how it was trained. */
  public static ModelDescription of(Net net, TrainingRecord training) {
    return new ModelDescription(net.architecture(), net.inputShape(), net.dtype(), Version.current(),
        Optional.of(training));
  }

  /** The activation and layer sizes, when the net is fully connected ({@link Architecture#feedForward}). */
  public Optional<Architecture.FeedForward> feedForward() {
    return architecture.feedForward(inputShape);
  }

  /** Inputs per sample: the product of {@link #inputShape()}. */
  public int inputSize() {
    return inputShape.stream().reduce(1, (a, b) -> a * b);
  }

  /** Classes. */
  public int outputSize() {
    List<Integer> out = architecture.outputShape(inputShape);
    return out.get(out.size() - 1);
  }

  /** The {@code key=value} lines, starting with the format line. */
  public String toText() {
    Optional<Architecture.FeedForward> mlp = feedForward();
    String net;
    if (mlp.isPresent() && mlp.get().layerSizes().size() == 3) {
      List<Integer> sizes = mlp.get().layerSizes();
      net = TWO_LAYER_FORMAT + "\n"
          + "activation=" + mlp.get().activation().label() + "\n"
          + "input_size=" + sizes.get(0) + "\n"
          + "hidden_size=" + sizes.get(1) + "\n"
          + "output_size=" + sizes.get(2) + "\n";
    } else if (mlp.isPresent()) {
      net = MULTI_LAYER_FORMAT + "\n"
          + "activation=" + mlp.get().activation().label() + "\n"
          + "layer_sizes=" + joined(mlp.get().layerSizes()) + "\n";
    } else {
      net = NET_FORMAT + "\n"
          + "net=" + architecture.text() + "\n"
          + "input_shape=" + joined(inputShape) + "\n";
    }
    return net + "dtype=" + dtype.label() + "\n" + "nabla_version=" + nablaVersion + "\n"
        + training.map(TrainingRecord::toText).orElse("");
  }

  private static String joined(List<Integer> sizes) {
    return sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
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
    if (!format.equals(TWO_LAYER_FORMAT) && !format.equals(MULTI_LAYER_FORMAT) && !format.equals(NET_FORMAT)) {
      throw new IOException(source + ": first line is '" + lines[0] + "', expected '" + TWO_LAYER_FORMAT
          + "', '" + MULTI_LAYER_FORMAT + "' or '" + NET_FORMAT + "'");
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
      DType dtype = DType.parse(required(source, values, "dtype"));
      String version = required(source, values, "nabla_version");
      Optional<TrainingRecord> training = TrainingRecord.parse(source, values);
      if (format.equals(NET_FORMAT)) {
        Architecture architecture = Architecture.parse(required(source, values, "net"));
        return new ModelDescription(architecture, sizes(source, values, "input_shape", 1), dtype, version, training);
      }
      List<Integer> sizes = new ArrayList<>();
      if (format.equals(TWO_LAYER_FORMAT)) {
        for (String key : new String[] {"input_size", "hidden_size", "output_size"}) {
          sizes.add(size(source, key, required(source, values, key)));
        }
      } else {
        sizes = sizes(source, values, "layer_sizes", 2);
      }
      Activation activation = Activation.valueOf(required(source, values, "activation").toUpperCase(Locale.ROOT));
      return new ModelDescription(activation, sizes, dtype, version, training);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  /** A comma-separated list of at least {@code least} positive sizes. */
  private static List<Integer> sizes(String source, Map<String, String> values, String key, int least)
      throws IOException {
    String list = required(source, values, key);
    List<Integer> sizes = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      sizes.add(size(source, key, part.strip()));
    }
    if (sizes.size() < least) {
      throw new IOException(source + ": " + key + " is '" + list + "'; it needs at least " + least);
    }
    return sizes;
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
