package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.model.Architecture;
import io.nabla.model.Net;
import io.nabla.tensor.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained net as data: its architecture's text, the shape of one sample, and its parameters
 * (which carry the dtype), without a backend, so that a Spark ML model can be serialized into
 * tasks and rebuild the net, of any architecture, wherever it scores. Nabla's nets and {@link
 * Architecture} are not serializable; text and flat values are.
 */
final class NetWeights implements Serializable {

  private static final long serialVersionUID = 3L;

  private final String architecture;
  private final List<Integer> inputShape;
  private final FlatTensors parameters;
  /** Batch normalization's running statistics, which evaluation uses; empty for most nets. */
  private final FlatTensors buffers;
  // Derived once on the driver: scoring asks for them per row or per batch.
  private final int inputSize;
  private final int classes;

  /**
   * @param architecture the layers as text ({@link Architecture#text()})
   * @param inputShape one sample's shape, without the batch dimension
   * @param parameters {@code W1, b1, W2, b2, ...} in layer order
   * @param buffers the layers' buffers by name ({@link Net#buffers()}: batch normalization's
   *     running statistics)
   * @throws IllegalArgumentException if the architecture does not parse, cannot take samples of
   *     that shape, or does not end in a vector of class scores
   */
  NetWeights(String architecture, List<Integer> inputShape, FlatTensors parameters, FlatTensors buffers) {
    this.architecture = architecture;
    this.inputShape = List.copyOf(inputShape);
    this.parameters = parameters;
    this.buffers = buffers;
    List<Integer> out = parsed().outputShape(this.inputShape);
    if (out.size() != 1) {
      throw new IllegalArgumentException("net '" + architecture + "' on " + inputShape + " gives scores of shape "
          + out + " per row; a classifier gives a vector of class scores");
    }
    int n = 1;
    for (int d : this.inputShape) {
      n *= d;
    }
    this.inputSize = n;
    this.classes = out.get(0);
  }

  /** The net's weights and buffers (copied): any {@link Net}, fully connected or not. */
  static NetWeights of(Net net) {
    return new NetWeights(net.architecture().text(), net.inputShape(), FlatTensors.ofValues(net.parameters()),
        FlatTensors.of(net.buffers(), net.dtype()));
  }

  /** The layers as text, as {@link Architecture#parse} reads it. */
  String architectureText() {
    return architecture;
  }

  /** One sample's shape, without the batch dimension. */
  List<Integer> inputShape() {
    return inputShape;
  }

  /** The activation and layer sizes, when the net is fully connected. */
  Optional<Architecture.FeedForward> feedForward() {
    return parsed().feedForward(inputShape);
  }

  /** The parameters' element type. */
  DType dtype() {
    return parameters.dtype();
  }

  /** Inputs per row: the product of the input shape. */
  int inputSize() {
    return inputSize;
  }

  /** Classes: the size of a row's scores. */
  int classes() {
    return classes;
  }

  /**
   * A new net with these weights on {@code backend}: a {@link io.nabla.model.FeedForwardNet} when
   * the layers are fully connected, as {@link Net#fromParameters} builds it.
   */
  Net net(Backend backend) {
    Map<String, Tensor> tensors = new LinkedHashMap<>(parameters.toTensors(backend));
    tensors.putAll(buffers.toTensors(backend));
    return Net.fromParameters(parsed(), inputShape, tensors);
  }

  /**
   * A batch of rows, [rows, inputSize] as features are read, in the shape the net takes: [rows,
   * ...inputShape] (a view; the same tensor for vector samples).
   */
  Tensor samples(Tensor rows) {
    if (inputShape.size() == 1) {
      return rows;
    }
    int[] shape = new int[inputShape.size() + 1];
    shape[0] = rows.dim(0);
    for (int i = 0; i < inputShape.size(); i++) {
      shape[i + 1] = inputShape.get(i);
    }
    return rows.reshape(shape);
  }

  /** A summary for a model's {@code toString}: layer sizes and activation, or the architecture. */
  String describe() {
    Optional<Architecture.FeedForward> mlp = feedForward();
    String net = mlp.isPresent()
        ? "layers=" + mlp.get().layerSizes() + ", activation=" + mlp.get().activation().label()
        : "net=" + architecture + ", input_shape=" + inputShape;
    return net + ", dtype=" + dtype().label();
  }

  private Architecture parsed() {
    return Architecture.parse(architecture);
  }
}
