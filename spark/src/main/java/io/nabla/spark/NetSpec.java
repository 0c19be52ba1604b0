package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.model.Architecture;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.model.WeightInit;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a net is, in a form that travels to executors: Nabla's nets, {@link Architecture} and
 * {@link WeightInit} are not serializable, so a task gets this (the architecture as text, the
 * initialization as its label) and the flat parameters, and builds its own net. A fully connected
 * net given by layer sizes is here as the equivalent text ({@link Architecture#feedForward}), and
 * {@link Net#builder} makes exactly the {@link io.nabla.model.FeedForwardNet} of those sizes.
 *
 * @param architecture the layers as text, as {@link Architecture#parse} reads it
 * @param inputShape one sample's shape, without the batch dimension
 * @param weightInit how the initial weights are drawn, as {@link WeightInit#parse} reads it
 * @param weightDecay the L2 weight decay's lambda (0: none)
 * @param dtype the parameters' element type
 * @param backendName the backend to compute on; {@code auto} (or empty) for the fastest one
 *     available in each JVM
 * @param seed seed of the initial weights, the batch samplers and the training draws
 */
record NetSpec(String architecture, int[] inputShape, String weightInit, double weightDecay, DType dtype,
    String backendName, long seed) implements Serializable {

  private static final long serialVersionUID = 2L;

  NetSpec {
    inputShape = inputShape.clone();
  }

  /**
   * The architecture a {@code net} setting names: a {@link Preset}'s, or the text read.
   *
   * @throws IllegalArgumentException naming the {@code net} setting, quoting the text and saying
   *     where it does not parse
   */
  static Architecture architectureOf(String net) {
    Optional<Preset> preset = Preset.named(net);
    if (preset.isPresent()) {
      return preset.get().architecture();
    }
    try {
      return Architecture.parse(net);
    } catch (IllegalArgumentException e) {
      // The parser's message quotes the text as "net '...'"; say which setting it came from, and
      // that a preset's name would do too.
      throw new IllegalArgumentException(FitSettings.NET.name() + " is neither a preset (" + Preset.labels()
          + ") nor layers as text: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code architecture} takes samples of {@code inputShape} and gives each a vector
   * of class scores.
   *
   * @param net the {@code net} setting as given, for messages
   * @throws IllegalArgumentException naming the {@code net} and {@code inputShape} settings and the
   *     layer at fault
   */
  static void checkTakes(Architecture architecture, String net, int[] inputShape) {
    List<Integer> shape = Arrays.stream(inputShape).boxed().toList();
    List<Integer> out;
    try {
      out = architecture.outputShape(shape);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(FitSettings.NET.name() + " '" + net + "' cannot take samples of "
          + FitSettings.INPUT_SHAPE.name() + " " + shape + ": " + e.getMessage(), e);
    }
    if (out.size() != 1) {
      throw new IllegalArgumentException(FitSettings.NET.name() + " '" + net + "' on " + FitSettings.INPUT_SHAPE.name()
          + " " + shape + " gives each sample scores of shape " + out + "; a classifier's net ends in a vector of"
          + " class scores (end it with affine(CLASSES))");
    }
  }

  /** The layers. */
  Architecture parsed() {
    return Architecture.parse(architecture);
  }

  /** One sample's shape, as a list. */
  List<Integer> shape() {
    return Arrays.stream(inputShape).boxed().toList();
  }

  /** How the initial weights are drawn. */
  WeightInit init() {
    return WeightInit.parse(weightInit);
  }

  /** Inputs per row: the product of {@link #inputShape}. */
  int inputSize() {
    int n = 1;
    for (int d : inputShape) {
      n *= d;
    }
    return n;
  }

  /** Classes: the size of a sample's scores. */
  int classes() {
    return parsed().outputShape(shape()).get(0);
  }

  /**
   * The backend in this JVM.
   *
   * @throws IllegalArgumentException naming the backend if it is unknown or cannot run here
   */
  Backend backend() {
    return backendNamed(backendName);
  }

  /** Whether the backend is left to each JVM (the fastest available there). */
  boolean backendIsAutomatic() {
    return isAutomatic(backendName);
  }

  /** The backend called {@code name} in this JVM; empty or {@code auto}: the fastest available. */
  static Backend backendNamed(String name) {
    return isAutomatic(name) ? Backends.current() : Backends.get(name);
  }

  private static boolean isAutomatic(String name) {
    return name.isEmpty() || name.equals(FitSettings.AUTO_BACKEND);
  }

  /**
   * The net before training: its weights drawn by {@link #init()} from {@link #seed}, with the
   * weight decay.
   */
  Net initialNet(Backend backend) {
    Net net = Net.builder(parsed(), inputShape).weightInit(init()).seed(seed).dtype(dtype).backend(backend).build();
    net.weightDecay(weightDecay);
    return net;
  }

  /**
   * A net with the given parameters and buffers ({@link FlatTensors#ofNet}, copied onto {@code
   * backend}) and the weight decay. Its training draws (dropout's masks) start from the
   * classifier's default seed: a task that trains it seeds them for its partition and round
   * ({@link PartitionSeeds#trainingDraws}).
   */
  Net net(FlatTensors weights, Backend backend) {
    Net net = Net.fromParameters(parsed(), shape(), weights.toTensors(backend));
    net.weightDecay(weightDecay);
    return net;
  }

  @Override
  public String toString() {
    return "net '" + architecture + "' on " + Arrays.toString(inputShape) + " " + dtype.label() + " on "
        + (backendIsAutomatic() ? "the default backend" : backendName);
  }
}
