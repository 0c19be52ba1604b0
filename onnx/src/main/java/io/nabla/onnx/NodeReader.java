package io.nabla.onnx;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.backend.UnaryOp;
import io.nabla.layer.Affine;
import io.nabla.layer.AvgPool2d;
import io.nabla.layer.BatchNorm;
import io.nabla.layer.Conv2d;
import io.nabla.layer.Dropout;
import io.nabla.layer.Layer;
import io.nabla.layer.MaxPool2d;
import io.nabla.model.Activation;
import io.nabla.model.Architecture;
import io.nabla.model.Net;
import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import io.nabla.onnx.proto.OnnxSchema.TensorProto;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * Reads the nodes of one graph, in order, into Nabla's layers: what each value of the graph is (the
 * layers that compute it from the input, and its sample's shape), one operator at a time, each
 * refused in one line when Nabla has no layer that computes it ({@link GraphReader} walks the
 * graph and decides which nodes are read).
 */
final class NodeReader {

  /** The operators read, for the message that refuses another. */
  static final List<String> OPERATORS = List.of("Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "LeakyRelu",
      "Softmax", "LogSoftmax", "Conv", "MaxPool", "AveragePool", "Flatten", "Reshape", "Dropout",
      "BatchNormalization", "Identity", "Constant", "Pad (of no padding, as PyTorch writes before AveragePool)");

  // ONNX's defaults, where an attribute is left out.
  private static final double DEFAULT_DROPOUT_RATIO = 0.5;
  private static final double DEFAULT_BATCHNORM_EPSILON = 1e-5;
  private static final double DEFAULT_LEAKY_RELU_ALPHA = 0.01;

  private final Backend backend;
  private final DType dtype;
  private final Map<String, TensorProto> constants;
  private final Set<String> consumed;
  private final Map<String, Value> values = new HashMap<>();
  private int named;

  /**
   * What the graph computed up to a value: the layers from the input, the shape of a sample
   * (after a Flatten, the flat vector, while the layers still hold the image), and the weight of a
   * MatMul still waiting for the Add of its bias.
   */
  private record Value(LayerChain layers, List<Integer> shape, boolean flattened, Tensor matmulWeight) {
    /** After a layer that keeps the sample's layout (flattened or not). */
    Value then(Layer layer, List<Integer> newShape) {
      return then(layer, newShape, flattened);
    }

    Value then(Layer layer, List<Integer> newShape, boolean flat) {
      return new Value(layers.then(layer), newShape, flat, null);
    }
  }
  /**
   * A reader of nodes over a graph's constants (initializers; Constant nodes add theirs), the
   * names of the values some node or output uses, and the dtype of the graph's input.
   */
  NodeReader(Backend backend, DType dtype, Map<String, TensorProto> constants, Set<String> consumed) {
    this.backend = backend;
    this.dtype = dtype;
    this.constants = constants;
    this.consumed = consumed;
  }

  /** The graph's data input, of samples {@code sample}: no layers yet. */
  void input(String name, List<Integer> sample) {
    values.put(name, new Value(LayerChain.EMPTY, sample, false, null));
  }

  /**
   * The layers that compute {@code output}, the class scores.
   *
   * @throws OnnxRefusal if the output is a constant or not a vector of scores per sample
   */
  List<Layer> scores(String output) {
    Value result = values.get(output);
    if (result == null) {
      throw new OnnxRefusal("output '" + output + "' is a constant, not computed from the input");
    }
    result = settled(result);
    if (result.shape().size() != 1 || result.flattened()) {
      throw new OnnxRefusal("output '" + output + "' is " + result.shape() + " per sample; Nabla's nets give class"
          + " scores [N, classes]");
    }
    return result.layers().layers();
  }

  /** Reads one node. */
  void apply(NodeProto node) {
    if (!GraphReader.ownDomain(node)) {
      throw refusal(node, "operator domain '" + node.getDomain() + "' is not supported; Nabla reads ONNX's own"
          + " operators: " + String.join(", ", OPERATORS));
    }
    NodeAttributes a = new NodeAttributes(node);
    checkOutputs(node);
    String op = node.getOpType();
    switch (op) {
      case "Constant" -> constants.put(node.getOutput(0), a.tensor("value"));
      case "Identity" -> {
        if (node.getInputCount() == 1 && constants.containsKey(node.getInput(0))) {
          constants.put(node.getOutput(0), constants.get(node.getInput(0))); // another name for a weight
        } else {
          put(node, data(node, 1, 1));
        }
      }
      case "Pad" -> put(node, noPadding(node, a));
      case "Relu" -> put(node, elementwise(node, Activation.RELU));
      case "Sigmoid" -> put(node, elementwise(node, Activation.SIGMOID));
      case "Tanh" -> put(node, elementwise(node, Activation.TANH));
      case "LeakyRelu" -> {
        double alpha = a.real("alpha", DEFAULT_LEAKY_RELU_ALPHA);
        if ((float) alpha != (float) UnaryOp.LEAKY_RELU_SLOPE) {
          throw refusal(node, "alpha " + alpha + " is not supported; Nabla's leaky_relu has slope "
              + UnaryOp.LEAKY_RELU_SLOPE);
        }
        put(node, elementwise(node, Activation.LEAKY_RELU));
      }
      case "Gemm" -> put(node, gemm(node, a));
      case "MatMul" -> put(node, matmul(node));
      case "Add" -> put(node, add(node));
      case "Conv" -> put(node, conv(node, a));
      case "MaxPool", "AveragePool" -> put(node, pool(node, a));
      case "Flatten" -> put(node, flatten(node, a));
      case "Reshape" -> put(node, reshape(node, a));
      case "Dropout" -> put(node, dropout(node, a));
      case "BatchNormalization" -> put(node, batchNorm(node, a));
      case "Softmax", "LogSoftmax" -> throw refusal(node, "is read as the graph's last node only (the classifier's"
          + " own softmax)");
      default -> throw refusal(node, "operator " + op + " is not supported; Nabla reads "
          + String.join(", ", OPERATORS));
    }
  }

  private void put(NodeProto node, Value v) {
    values.put(node.getOutput(0), v);
  }

  private Value elementwise(NodeProto node, Activation activation) {
    Value in = settled(data(node, 1, 1));
    return in.then(activation.newLayer(), in.shape());
  }

  private Value gemm(NodeProto node, NodeAttributes a) {
    checkInputs(node, 2, 3);
    if (a.integer("transA", 0) != 0) {
      throw refusal(node, "transA 1 is not supported: the data must be Gemm's first input as it is");
    }
    Value in = vectors(node, settled(data(node, 2, 3)));
    Tensor w = constant(node, 1, 2);
    if (a.integer("transB", 0) != 0) {
      w = w.transpose();
    }
    w = w.mul(a.real("alpha", 1));
    checkFeatures(node, in, w.dim(0));
    int units = w.dim(1);
    Tensor b = hasInput(node, 2) ? bias(node, constant(node, 2, -1), units).mul(a.real("beta", 1))
        : Tensors.zeros(backend, dtype, units);
    return in.then(new Affine(unique("W"), w, unique("b"), b), List.of(units), false);
  }

  private Value matmul(NodeProto node) {
    checkInputs(node, 2, 2);
    if (!values.containsKey(node.getInput(0))) {
      throw refusal(node, "the data must be MatMul's first input (x . W)");
    }
    Value in = vectors(node, settled(data(node, 2, 2)));
    Tensor w = constant(node, 1, 2);
    checkFeatures(node, in, w.dim(0));
    return new Value(in.layers(), List.of(w.dim(1)), false, w);
  }

  private Value add(NodeProto node) {
    checkInputs(node, 2, 2);
    boolean firstIsData = values.containsKey(node.getInput(0));
    boolean secondIsData = values.containsKey(node.getInput(1));
    if (firstIsData && secondIsData) {
      return residual(node, settled(values.get(node.getInput(0))), settled(values.get(node.getInput(1))));
    }
    Value in = values.get(node.getInput(firstIsData ? 0 : 1));
    if (in == null || in.matmulWeight() == null) {
      throw refusal(node, "adds a constant to a value that is not a MatMul's; Nabla reads Add as a MatMul's bias or"
          + " as a residual connection");
    }
    Tensor w = in.matmulWeight();
    Tensor b = bias(node, constant(node, firstIsData ? 1 : 0, -1), w.dim(1));
    return new Value(in.layers(), in.shape(), false, null)
        .then(new Affine(unique("W"), w, unique("b"), b), in.shape(), false);
  }

  /** {@code x + f(x)}: one value's layers continue the other's. */
  private Value residual(NodeProto node, Value a, Value b) {
    Value shorter = a.layers().length() <= b.layers().length() ? a : b;
    Value longer = shorter == a ? b : a;
    LayerChain block = shorter.layers().residual(longer.layers());
    if (block == null || !shorter.shape().equals(longer.shape()) || shorter.flattened() != longer.flattened()) {
      throw refusal(node, "adds two values that are not x and a function of x of its shape; Nabla reads Add of two"
          + " values as a residual block x + f(x)");
    }
    if (block.nesting() > Architecture.MAX_NESTING) {
      throw refusal(node, "nests residual blocks " + block.nesting() + " deep; Nabla reads at most "
          + Architecture.MAX_NESTING);
    }
    return new Value(block, shorter.shape(), shorter.flattened(), null);
  }

  private Value conv(NodeProto node, NodeAttributes a) {
    checkInputs(node, 2, 3);
    Value in = images(node, settled(data(node, 2, 3)));
    Tensor w = constant(node, 1, 4);
    if (a.integer("group", 1) != 1) {
      throw refusal(node, "group " + a.integer("group", 1) + " is not supported; Nabla's convolution has group 1");
    }
    a.requireAll("dilations", 1);
    int k = w.dim(2);
    if (w.dim(3) != k) {
      throw refusal(node, "kernel " + w.dim(2) + "x" + w.dim(3) + " is not supported; Nabla's filters are square");
    }
    long[] kernel = a.ints("kernel_shape");
    if (kernel.length > 0 && !Arrays.equals(kernel, new long[] {k, k})) {
      throw refusal(node, "kernel_shape " + Arrays.toString(kernel) + " differs from its weight's " + k + "x" + k);
    }
    if (w.dim(1) != in.shape().get(0)) {
      throw refusal(node, "its weight " + Arrays.toString(w.shape()) + " takes " + w.dim(1) + " channels; its input"
          + " has " + in.shape().get(0));
    }
    int stride = Windows.stride(node, a);
    int padding = Windows.padding(node, a, "Nabla's convolution pads each side alike (asymmetric padding is not"
        + " supported)");
    Tensor b = hasInput(node, 2) ? bias(node, constant(node, 2, 1), w.dim(0)) : Tensors.zeros(backend, dtype, w.dim(0));
    Conv2d layer = new Conv2d(unique("W"), w, unique("b"), b, stride, padding);
    return in.then(layer, Windows.output(node, in.shape(), w.dim(0), k, stride, padding));
  }

  private Value pool(NodeProto node, NodeAttributes a) {
    Value in = images(node, settled(data(node, 1, 1)));
    long[] kernel = a.ints("kernel_shape");
    if (kernel.length != 2 || kernel[0] != kernel[1] || kernel[0] < 1 || kernel[0] > Integer.MAX_VALUE) {
      throw refusal(node, "kernel_shape " + Arrays.toString(kernel) + " is not supported; Nabla pools square windows");
    }
    int size = (int) kernel[0];
    int stride = Windows.stride(node, a);
    if (Windows.padding(node, a, "Nabla's pooling has no padding") != 0) {
      throw refusal(node, "pads " + Arrays.toString(a.ints("pads")) + " are not supported; Nabla's pooling has no"
          + " padding");
    }
    if (a.integer("ceil_mode", 0) != 0) {
      throw refusal(node, "ceil_mode 1 is not supported; Nabla's pooling drops a partial window, as ceil_mode 0");
    }
    a.requireAll("dilations", 1);
    if (a.integer("storage_order", 0) != 0) {
      throw refusal(node, "storage_order " + a.integer("storage_order", 0) + " is not supported");
    }
    Layer layer = node.getOpType().equals("MaxPool") ? new MaxPool2d(size, stride) : new AvgPool2d(size, stride);
    return in.then(layer, Windows.output(node, in.shape(), in.shape().get(0), size, stride, 0));
  }

  private Value flatten(NodeProto node, NodeAttributes a) {
    long axis = a.integer("axis", 1);
    if (axis != 1) {
      throw refusal(node, "axis " + axis + " is not supported; Nabla flattens each sample (axis 1)");
    }
    return flat(settled(data(node, 1, 1)));
  }

  /** A sample as one vector of its elements: the next affine layer takes an image so. */
  private static Value flat(Value in) {
    int elements = elements(in.shape(), "a sample");
    return new Value(in.layers(), List.of(elements), in.flattened() || in.shape().size() > 1, null);
  }

  private Value reshape(NodeProto node, NodeAttributes a) {
    checkInputs(node, 2, 2);
    if (a.integer("allowzero", 0) != 0) {
      throw refusal(node, "allowzero 1 is not supported");
    }
    Value in = settled(data(node, 2, 2));
    long[] shape = OnnxTensors.integers(constantProto(node, 1), "node " + describe(node) + " shape");
    long elements = elements(in.shape(), "a sample");
    boolean batchFirst = shape.length == 2 && (shape[0] == 0 || shape[0] == -1);
    if (!batchFirst || !(shape[1] == elements || shape[1] == -1 && shape[0] == 0)) {
      if (!(batchFirst && shape[0] == -1 && shape[1] == elements)) {
        throw refusal(node, "shape " + Arrays.toString(shape) + " is not supported; Nabla reads a Reshape that"
            + " flattens each sample, [0, -1], [0, " + elements + "] or [-1, " + elements + "]");
      }
    }
    return flat(in);
  }

  /** A Pad that pads nothing (PyTorch writes one before an AveragePool): the identity. */
  private Value noPadding(NodeProto node, NodeAttributes a) {
    checkInputs(node, 1, 3);
    long[] pads = hasInput(node, 1)
        ? OnnxTensors.integers(constantProto(node, 1), "node " + describe(node) + " pads") : a.ints("pads");
    if (Arrays.stream(pads).anyMatch(p -> p != 0)) {
      throw refusal(node, "pads " + Arrays.toString(pads) + " are not supported; Nabla pads inside a Conv (its pads"
          + " attribute) and reads a Pad that pads nothing");
    }
    return data(node, 1, 3);
  }

  private Value dropout(NodeProto node, NodeAttributes a) {
    checkInputs(node, 1, 3);
    double ratio = hasInput(node, 1)
        ? OnnxTensors.scalarValue(constantProto(node, 1), "node " + describe(node) + " ratio")
        : a.real("ratio", DEFAULT_DROPOUT_RATIO);
    if (hasInput(node, 2) && !OnnxTensors.isFalse(constantProto(node, 2))) {
      throw refusal(node, "training_mode must be absent or a constant false; Nabla reads Dropout as evaluation's");
    }
    Value in = settled(data(node, 1, 3));
    return in.then(new Dropout(ratio), in.shape());
  }

  private Value batchNorm(NodeProto node, NodeAttributes a) {
    checkInputs(node, 5, 5);
    for (int i = 1; i < node.getOutputCount(); i++) {
      if (!node.getOutput(i).isEmpty()) { // before opset 14, the running statistics' outputs mean training mode
        throw refusal(node, "has output '" + node.getOutput(i) + "' of training mode; Nabla reads its evaluation"
            + " form, of one output");
      }
    }
    if (a.integer("training_mode", 0) != 0) {
      throw refusal(node, "training_mode 1 is not supported; Nabla reads its evaluation form");
    }
    Value in = settled(data(node, 5, 5));
    if (in.flattened()) {
      throw refusal(node, "normalizes a flattened image per element; Nabla's batchnorm normalizes an image per"
          + " channel and a vector per feature");
    }
    Tensor[] t = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      t[i] = constant(node, i + 1, 1);
    }
    // BatchNorm refuses an epsilon that is not a positive number, naming it.
    return in.then(new BatchNorm(unique("gamma"), t[0], unique("beta"), t[1], unique("running_mean"), t[2],
        unique("running_var"), t[3], a.real("epsilon", DEFAULT_BATCHNORM_EPSILON)), in.shape());
  }

  /** A name no other tensor of the layers has (Net.over renames them by position). */
  private String unique(String kind) {
    return kind + "#" + ++named;
  }

  /** A MatMul without an Add after it is an affine layer of bias 0. */
  private Value settled(Value v) {
    if (v.matmulWeight() == null) {
      return v;
    }
    Tensor w = v.matmulWeight();
    return new Value(v.layers(), v.shape(), false, null)
        .then(new Affine(unique("W"), w, unique("b"), Tensors.zeros(backend, dtype, w.dim(1))), v.shape(), false);
  }

  /** The node's data: its first input, once its input count is checked. */
  private Value data(NodeProto node, int minInputs, int maxInputs) {
    checkInputs(node, minInputs, maxInputs);
    String name = node.getInput(0);
    Value v = values.get(name);
    if (v == null) {
      throw refusal(node, constants.containsKey(name) ? "input '" + name + "' is a constant where Nabla reads the data"
          : "input '" + name + "' is not a graph input, an initializer or an earlier node's output");
    }
    return v;
  }

  private static boolean hasInput(NodeProto node, int input) {
    return node.getInputCount() > input && !node.getInput(input).isEmpty();
  }

  /** A constant input as the file holds it. */
  private TensorProto constantProto(NodeProto node, int input) {
    TensorProto p = constants.get(node.getInput(input));
    if (p == null) {
      throw refusal(node, "input '" + node.getInput(input) + "' must be a constant (an initializer), not computed");
    }
    return p;
  }

  /** A constant input of the given rank (-1 for any), as a tensor of the graph's dtype. */
  private Tensor constant(NodeProto node, int input, int rank) {
    String name = node.getInput(input);
    Tensor t = OnnxTensors.fromProto(constantProto(node, input), "node " + describe(node) + " input '" + name + "'",
        dtype, backend);
    if (rank >= 0 && t.rank() != rank) {
      throw refusal(node, "input '" + name + "' is " + Arrays.toString(t.shape()) + "; rank " + rank + " is expected");
    }
    if (t.size() == 0) { // no layer has an empty weight, and its other sizes would be taken on trust
      throw refusal(node, "input '" + name + "' " + Arrays.toString(t.shape()) + " has no elements");
    }
    return t;
  }

  /** A bias: [units], or [1, units], or one value for all. */
  private Tensor bias(NodeProto node, Tensor b, int units) {
    if (b.size() == units && (b.rank() == 1 || b.rank() == 2 && b.dim(0) == 1)) {
      return b.reshape(units);
    }
    if (b.size() == 1) {
      return Tensors.full(backend, b.getFlat(0), dtype, units);
    }
    throw refusal(node, "its bias " + Arrays.toString(b.shape()) + " does not broadcast to " + units + " outputs");
  }

  private Value vectors(NodeProto node, Value in) {
    if (in.shape().size() != 1) {
      throw refusal(node, "takes [N, features], not samples " + in.shape() + " (Flatten first)");
    }
    return in;
  }

  private Value images(NodeProto node, Value in) {
    if (in.shape().size() != 3 || in.flattened()) {
      throw refusal(node, "takes images [N, channels, height, width], not samples " + in.shape());
    }
    return in;
  }

  private void checkFeatures(NodeProto node, Value in, int rows) {
    if (rows != in.shape().get(0)) {
      throw refusal(node, "its weight takes " + rows + " features; its input has " + in.shape().get(0));
    }
  }

  private static void checkInputs(NodeProto node, int min, int max) {
    if (node.getInputCount() < min || node.getInputCount() > max) {
      throw refusal(node, "has " + node.getInputCount() + " inputs; " + (min == max ? min : min + " to " + max)
          + " are expected");
    }
  }

  /** Refuses a node without an output, or one whose outputs after the first are used. */
  private void checkOutputs(NodeProto node) {
    if (node.getOutputCount() < 1 || node.getOutput(0).isEmpty()) {
      throw refusal(node, "has no output");
    }
    for (int i = 1; i < node.getOutputCount(); i++) {
      if (!node.getOutput(i).isEmpty() && consumed.contains(node.getOutput(i))) {
        throw refusal(node, "output '" + node.getOutput(i) + "' is used; Nabla reads this operator's first output"
            + " only (its evaluation form)");
      }
    }
  }

  private static OnnxRefusal refusal(NodeProto node, String message) {
    return GraphReader.refusal(node, message);
  }

  private static String describe(NodeProto node) {
    return GraphReader.describe(node);
  }

  private static int elements(List<Integer> shape, String what) {
    return GraphReader.elements(shape, what);
  }
}
