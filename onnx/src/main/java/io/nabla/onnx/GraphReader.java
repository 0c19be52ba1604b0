package io.nabla.onnx;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.layer.Affine;
import io.nabla.layer.AvgPool2d;
import io.nabla.layer.BatchNorm;
import io.nabla.layer.Conv2d;
import io.nabla.layer.Dropout;
import io.nabla.layer.Layer;
import io.nabla.layer.MaxPool2d;
import io.nabla.layer.Residual;
import io.nabla.layer.Sequential;
import io.nabla.model.Activation;
import io.nabla.model.Net;
import io.nabla.onnx.proto.OnnxSchema.AttributeProto;
import io.nabla.onnx.proto.OnnxSchema.GraphProto;
import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import io.nabla.onnx.proto.OnnxSchema.TensorProto;
import io.nabla.onnx.proto.OnnxSchema.TensorShapeProto;
import io.nabla.onnx.proto.OnnxSchema.ValueInfoProto;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ONNX graph into Nabla's layers: the nodes that compute the graph's first output, from
 * its one data input, each taken as the layer that computes the same thing. A chain of nodes
 * becomes a stack of layers, an {@code Add} of a value and a later value computed from it a
 * residual block. A final {@code Softmax} or {@code LogSoftmax} is the classifier's own softmax and
 * is left out. Anything else is refused in one line naming the node, the operator or attribute,
 * and what Nabla reads instead.
 */
final class GraphReader {

  /** The operators read, for the message that refuses another. */
  static final List<String> OPERATORS = List.of("Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "LeakyRelu",
      "Softmax", "LogSoftmax", "Conv", "MaxPool", "AveragePool", "Flatten", "Reshape", "Dropout",
      "BatchNormalization", "Identity", "Constant", "Pad (of no padding, as PyTorch writes before AveragePool)");

  private final GraphProto graph;
  private final Backend backend;
  private final Map<String, TensorProto> constants = new HashMap<>();
  private final Map<String, Value> values = new HashMap<>();
  private DType dtype;
  private int named;
  private String finalSoftmax;

  /**
   * What the graph computed up to a value: the layers from the input, the shape of a sample
   * (after a Flatten, the flat vector, while the layers still hold the image), and an affine layer
   * made of a MatMul still waiting for the Add of its bias.
   */
  private record Value(List<Layer> layers, List<Integer> shape, boolean flattened, Tensor matmulWeight) {
    /** After a layer that keeps the sample's layout (flattened or not). */
    Value then(Layer layer, List<Integer> newShape) {
      return then(layer, newShape, flattened);
    }

    Value then(Layer layer, List<Integer> newShape, boolean flat) {
      List<Layer> next = new ArrayList<>(layers);
      next.add(layer);
      return new Value(next, newShape, flat, null);
    }
  }

  GraphReader(GraphProto graph, Backend backend) {
    this.graph = graph;
    this.backend = backend;
  }

  /** The net, and the name of the final softmax left out, if there was one. */
  record Read(Net net, Optional<String> finalSoftmax) {}

  Read read() {
    if (graph.getOutputCount() == 0) {
      throw new OnnxRefusal("the graph has no output");
    }
    for (TensorProto t : graph.getInitializerList()) {
      constants.put(t.getName(), t);
    }
    Map<String, Integer> producers = new HashMap<>();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      for (String out : graph.getNode(i).getOutputList()) {
        producers.put(out, i);
      }
    }
    String output = graph.getOutput(0).getName();
    // The final softmax: the classifier's scores are its input.
    Integer last = producers.get(output);
    if (last != null) {
      NodeProto n = graph.getNode(last);
      if ((n.getOpType().equals("Softmax") || n.getOpType().equals("LogSoftmax")) && n.getInputCount() == 1
          && n.getDomain().isEmpty()) {
        long axis = attributes(n).integer("axis", 1);
        if (axis != 1 && axis != -1) {
          throw refusal(n, "axis " + axis + " is not supported; the class scores' axis is 1");
        }
        finalSoftmax = n.getOpType();
        output = n.getInput(0);
      }
    }
    boolean[] needed = needed(output, producers);
    String inputName = dataInput(needed);
    ValueInfoProto input = graph.getInputList().stream().filter(v -> v.getName().equals(inputName)).findFirst()
        .orElseThrow();
    List<Integer> sample = sampleShape(input);
    dtype = OnnxTensors.dtype(input.getType().getTensorType().getElemType(), "input '" + inputName + "'");
    values.put(inputName, new Value(List.of(), sample, false, null));
    for (int i = 0; i < graph.getNodeCount(); i++) {
      if (needed[i]) {
        NodeProto node = graph.getNode(i);
        try {
          apply(node, i);
        } catch (IllegalArgumentException e) {
          throw refusal(node, e.getMessage());
        }
      }
    }
    Value result = values.get(output);
    if (result == null) {
      throw new OnnxRefusal("output '" + output + "' is a constant, not computed from the input");
    }
    result = settled(result);
    if (result.shape().size() != 1 || result.flattened()) {
      throw new OnnxRefusal("output '" + output + "' is " + shapeText(result.shape()) + " per sample; Nabla's nets"
          + " give class scores [N, classes]");
    }
    int[] inputShape = sample.stream().mapToInt(Integer::intValue).toArray();
    try {
      return new Read(Net.over(new Sequential(result.layers()), inputShape), Optional.ofNullable(finalSoftmax));
    } catch (IllegalArgumentException e) {
      throw new OnnxRefusal("the graph's layers do not make a Nabla net: " + e.getMessage());
    }
  }

  /** Marks the nodes the output is computed with, walking back from it. */
  private boolean[] needed(String output, Map<String, Integer> producers) {
    boolean[] needed = new boolean[graph.getNodeCount()];
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(output));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String v = todo.pop();
      Integer p = producers.get(v);
      if (v.isEmpty() || !seen.add(v) || p == null || needed[p]) {
        continue;
      }
      needed[p] = true;
      todo.addAll(graph.getNode(p).getInputList());
    }
    return needed;
  }

  /** The one graph input that is not an initializer and that the output needs. */
  private String dataInput(boolean[] needed) {
    Set<String> used = new HashSet<>();
    for (int i = 0; i < needed.length; i++) {
      if (needed[i]) {
        used.addAll(graph.getNode(i).getInputList());
      }
    }
    List<String> data = new ArrayList<>();
    for (ValueInfoProto v : graph.getInputList()) {
      if (!constants.containsKey(v.getName()) && used.contains(v.getName())) {
        data.add(v.getName());
      }
    }
    if (data.size() != 1) {
      throw new OnnxRefusal("the graph's output is computed from " + data.size() + " inputs " + data
          + "; Nabla's nets take one");
    }
    return data.get(0);
  }

  /** A sample's shape: the input's dimensions after the batch's, each a known size. */
  private static List<Integer> sampleShape(ValueInfoProto input) {
    if (!input.getType().hasTensorType() || !input.getType().getTensorType().hasShape()) {
      throw new OnnxRefusal("input '" + input.getName() + "' has no tensor shape; Nabla needs [N, features] or"
          + " [N, channels, height, width]");
    }
    List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
    List<Integer> sample = new ArrayList<>();
    long elements = 1;
    for (int d = 1; d < dims.size(); d++) {
      long size = dims.get(d).getDimValue();
      if (!dims.get(d).hasDimValue() || size < 1 || size > Integer.MAX_VALUE) {
        throw new OnnxRefusal("input '" + input.getName() + "': dimension " + d + " must be a known positive size,"
            + " not " + (dims.get(d).hasDimParam() ? "'" + dims.get(d).getDimParam() + "'" : size));
      }
      elements *= size;
      if (elements > Integer.MAX_VALUE) {
        throw new OnnxRefusal("input '" + input.getName() + "': a sample of " + dims.size() + " dimensions is too"
            + " large");
      }
      sample.add((int) size);
    }
    if (sample.size() != 1 && sample.size() != 3) {
      throw new OnnxRefusal("input '" + input.getName() + "' has " + dims.size() + " dimensions; Nabla's nets take"
          + " [N, features] or [N, channels, height, width]");
    }
    return sample;
  }

  private void apply(NodeProto node, int index) {
    if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
      throw refusal(node, "operator domain '" + node.getDomain() + "' is not supported; Nabla reads ONNX's own"
          + " operators: " + String.join(", ", OPERATORS));
    }
    Attributes a = attributes(node);
    String op = node.getOpType();
    switch (op) {
      case "Constant" -> {
        checkOutputs(node, 1);
        constants.put(node.getOutput(0), a.tensor("value"));
        return;
      }
      case "Identity" -> {
        checkOutputs(node, 1);
        put(node, data(node, 0));
        return;
      }
      case "Pad" -> put(node, noPadding(node, a));
      case "Relu" -> put(node, elementwise(node, Activation.RELU));
      case "Sigmoid" -> put(node, elementwise(node, Activation.SIGMOID));
      case "Tanh" -> put(node, elementwise(node, Activation.TANH));
      case "LeakyRelu" -> {
        double alpha = a.real("alpha", 0.01);
        if ((float) alpha != (float) io.nabla.backend.UnaryOp.LEAKY_RELU_SLOPE) {
          throw refusal(node, "alpha " + alpha + " is not supported; Nabla's leaky_relu has slope "
              + io.nabla.backend.UnaryOp.LEAKY_RELU_SLOPE);
        }
        put(node, elementwise(node, Activation.LEAKY_RELU));
      }
      case "Gemm" -> put(node, gemm(node, a));
      case "MatMul" -> put(node, matmul(node));
      case "Add" -> put(node, add(node));
      case "Conv" -> put(node, conv(node, a));
      case "MaxPool", "AveragePool" -> put(node, pool(node, a));
      case "Flatten" -> put(node, flatten(node, a.integer("axis", 1)));
      case "Reshape" -> put(node, reshape(node, a));
      case "Dropout" -> put(node, dropout(node, a));
      case "BatchNormalization" -> put(node, batchNorm(node, a));
      case "Softmax", "LogSoftmax" -> throw refusal(node, "is supported as the graph's last node only (the"
          + " classifier's own softmax)");
      default -> throw refusal(node, "operator " + op + " is not supported; Nabla reads " + String.join(", ", OPERATORS));
    }
    checkOutputs(node, 1);
  }

  private void put(NodeProto node, Value v) {
    values.put(node.getOutput(0), v);
  }

  private Value elementwise(NodeProto node, Activation activation) {
    checkInputs(node, 1, 1);
    Value in = settled(data(node, 0));
    return in.then(activation.newLayer(), in.shape());
  }

  private Value gemm(NodeProto node, Attributes a) {
    checkInputs(node, 2, 3);
    if (a.integer("transA", 0) != 0) {
      throw refusal(node, "transA 1 is not supported: the data must be Gemm's first input as it is");
    }
    Value in = vectors(node, settled(data(node, 0)));
    Tensor w = constant(node, 1, 2);
    if (a.integer("transB", 0) != 0) {
      w = w.transpose();
    }
    w = w.mul(a.real("alpha", 1));
    int units = w.dim(1);
    checkFeatures(node, in, w.dim(0));
    Tensor b = node.getInputCount() > 2 && !node.getInput(2).isEmpty()
        ? bias(node, constant(node, 2, -1), units).mul(a.real("beta", 1))
        : Tensors.zeros(backend, dtype, units);
    return in.then(new Affine(unique("W"), w, unique("b"), b), List.of(units), false);
  }

  private Value matmul(NodeProto node) {
    checkInputs(node, 2, 2);
    if (!values.containsKey(node.getInput(0))) {
      throw refusal(node, "the data must be MatMul's first input (x . W)");
    }
    Value in = vectors(node, settled(data(node, 0)));
    Tensor w = constant(node, 1, 2);
    checkFeatures(node, in, w.dim(0));
    return new Value(in.layers(), List.of(w.dim(1)), false, w);
  }

  private Value add(NodeProto node) {
    checkInputs(node, 2, 2);
    boolean firstIsData = values.containsKey(node.getInput(0));
    boolean secondIsData = values.containsKey(node.getInput(1));
    if (firstIsData && secondIsData) {
      return residual(node, settled(data(node, 0)), settled(data(node, 1)));
    }
    Value in = data(node, firstIsData ? 0 : 1);
    if (in.matmulWeight() == null) {
      throw refusal(node, "adds a constant to a value that is not a MatMul's; Nabla reads Add as a MatMul's bias or"
          + " as a residual connection");
    }
    Tensor w = in.matmulWeight();
    Tensor b = bias(node, constant(node, firstIsData ? 1 : 0, -1), w.dim(1));
    return new Value(in.layers(), in.shape(), false, null).then(new Affine(unique("W"), w, unique("b"), b), in.shape(), false);
  }

  /** {@code x + f(x)}: one value's layers continue the other's. */
  private Value residual(NodeProto node, Value a, Value b) {
    Value shorter = a.layers().size() <= b.layers().size() ? a : b;
    Value longer = shorter == a ? b : a;
    List<Layer> prefix = longer.layers().subList(0, shorter.layers().size());
    boolean continues = true;
    for (int i = 0; i < prefix.size(); i++) {
      continues &= prefix.get(i) == shorter.layers().get(i);
    }
    if (!continues || !shorter.shape().equals(longer.shape()) || shorter.flattened() != longer.flattened()) {
      throw refusal(node, "adds two values that are not x and a function of x of its shape; Nabla reads Add of two"
          + " values as a residual block x + f(x)");
    }
    List<Layer> inner = new ArrayList<>(longer.layers().subList(prefix.size(), longer.layers().size()));
    return shorter.then(new Residual(new Sequential(inner)), shorter.shape());
  }

  private Value conv(NodeProto node, Attributes a) {
    checkInputs(node, 2, 3);
    Value in = images(node, settled(data(node, 0)));
    Tensor w = constant(node, 1, 4);
    if (a.integer("group", 1) != 1) {
      throw refusal(node, "group " + a.integer("group", 1) + " is not supported; Nabla's convolution has group 1");
    }
    checkAll(node, "dilations", a.ints("dilations"), 1);
    int k = w.dim(2);
    if (w.dim(3) != k) {
      throw refusal(node, "kernel " + w.dim(2) + "x" + w.dim(3) + " is not supported; Nabla's filters are square");
    }
    long[] kernel = a.ints("kernel_shape");
    if (kernel.length > 0 && !Arrays.equals(kernel, new long[] {k, k})) {
      throw refusal(node, "kernel_shape " + Arrays.toString(kernel) + " differs from its weight's " + k + "x" + k);
    }
    if (w.dim(1) != in.shape().get(0)) {
      throw refusal(node, "its weight " + shapeText(w.shape()) + " takes " + w.dim(1) + " channels; its input has "
          + in.shape().get(0));
    }
    int stride = square(node, "strides", a.ints("strides"));
    int padding = padding(node, a);
    Tensor b = node.getInputCount() > 2 && !node.getInput(2).isEmpty()
        ? bias(node, constant(node, 2, 1), w.dim(0)) : Tensors.zeros(backend, dtype, w.dim(0));
    Conv2d layer = new Conv2d(unique("W"), w, unique("b"), b, stride, padding);
    return in.then(layer, windows(node, in.shape(), w.dim(0), k, stride, padding));
  }

  private Value pool(NodeProto node, Attributes a) {
    checkInputs(node, 1, 1);
    Value in = images(node, settled(data(node, 0)));
    long[] kernel = a.ints("kernel_shape");
    if (kernel.length != 2 || kernel[0] != kernel[1] || kernel[0] < 1 || kernel[0] > Integer.MAX_VALUE) {
      throw refusal(node, "kernel_shape " + Arrays.toString(kernel) + " is not supported; Nabla pools square windows");
    }
    int size = (int) kernel[0];
    int stride = square(node, "strides", a.ints("strides"));
    if (padding(node, a) != 0) {
      throw refusal(node, "pads " + Arrays.toString(a.ints("pads")) + " are not supported; Nabla's pooling has no"
          + " padding");
    }
    if (a.integer("ceil_mode", 0) != 0) {
      throw refusal(node, "ceil_mode 1 is not supported; Nabla's pooling drops a partial window, as ceil_mode 0");
    }
    checkAll(node, "dilations", a.ints("dilations"), 1);
    if (a.integer("storage_order", 0) != 0) {
      throw refusal(node, "storage_order " + a.integer("storage_order", 0) + " is not supported");
    }
    Layer layer = node.getOpType().equals("MaxPool") ? new MaxPool2d(size, stride) : new AvgPool2d(size, stride);
    return in.then(layer, windows(node, in.shape(), in.shape().get(0), size, stride, 0));
  }

  private Value flatten(NodeProto node, long axis) {
    checkInputs(node, 1, 1);
    if (axis != 1) {
      throw refusal(node, "axis " + axis + " is not supported; Nabla flattens each sample (axis 1)");
    }
    Value in = settled(data(node, 0));
    int elements = in.shape().stream().reduce(1, (x, y) -> x * y);
    return new Value(in.layers(), List.of(elements), in.flattened() || in.shape().size() > 1, null);
  }

  private Value reshape(NodeProto node, Attributes a) {
    checkInputs(node, 2, 2);
    if (a.integer("allowzero", 0) != 0) {
      throw refusal(node, "allowzero 1 is not supported");
    }
    Value in = settled(data(node, 0));
    String name = node.getInput(1);
    if (!constants.containsKey(name)) {
      throw refusal(node, "its shape '" + name + "' is computed; Nabla reads a Reshape to a constant shape [N, -1]");
    }
    long[] shape = OnnxTensors.integers(constants.get(name), "node " + describe(node) + " shape '" + name + "'");
    long elements = in.shape().stream().reduce(1, (x, y) -> x * y);
    boolean flat = shape.length == 2 && (shape[0] == 0 || shape[0] == -1) && (shape[1] == -1 || shape[1] == elements)
        && !(shape[0] == -1 && shape[1] == -1);
    if (!flat) {
      throw refusal(node, "shape " + Arrays.toString(shape) + " is not supported; Nabla reads a Reshape that"
          + " flattens each sample, [N, -1] or [N, " + elements + "]");
    }
    return new Value(in.layers(), List.of((int) elements), in.flattened() || in.shape().size() > 1, null);
  }

  /** A Pad that pads nothing (PyTorch writes one before an AveragePool): the identity. */
  private Value noPadding(NodeProto node, Attributes a) {
    checkInputs(node, 1, 3);
    long[] pads = node.getInputCount() > 1 && !node.getInput(1).isEmpty()
        ? OnnxTensors.integers(constantProto(node, 1), "node " + describe(node) + " pads")
        : a.ints("pads");
    if (Arrays.stream(pads).anyMatch(p -> p != 0)) {
      throw refusal(node, "pads " + Arrays.toString(pads) + " are not supported; Nabla pads inside a Conv (its pads"
          + " attribute) and reads a Pad that pads nothing");
    }
    return data(node, 0);
  }

  private Value dropout(NodeProto node, Attributes a) {
    checkInputs(node, 1, 3);
    if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty() && usedElsewhere(node.getOutput(1))) {
      throw refusal(node, "its mask output is used; Nabla reads Dropout as the identity of evaluation");
    }
    double ratio = a.real("ratio", 0.5);
    if (node.getInputCount() > 1 && !node.getInput(1).isEmpty()) {
      ratio = constant(node, 1, 0).getFlat(0);
    }
    if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
      TensorProto mode = constants.get(node.getInput(2));
      if (mode == null || mode.getRawData().toByteArray().length != 1 || mode.getRawData().byteAt(0) != 0) {
        throw refusal(node, "training_mode must be absent or a constant false; Nabla reads Dropout as evaluation's");
      }
    }
    Value in = settled(data(node, 0));
    return in.then(new Dropout(ratio), in.shape());
  }

  private Value batchNorm(NodeProto node, Attributes a) {
    checkInputs(node, 5, 5);
    if (node.getOutputCount() > 1) {
      throw refusal(node, "has " + node.getOutputCount() + " outputs (training mode); Nabla reads its evaluation form");
    }
    if (a.integer("training_mode", 0) != 0) {
      throw refusal(node, "training_mode 1 is not supported; Nabla reads its evaluation form");
    }
    double epsilon = a.real("epsilon", 1e-5);
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw refusal(node, "epsilon " + epsilon + " is not supported; it must be a positive number");
    }
    // The file holds a float: 1e-5 is 9.99999974738e-06 there, and Nabla's text keeps the float's
    // shortest decimal, so that the layer reads back as written.
    epsilon = Double.parseDouble(Float.toString((float) epsilon));
    Value in = settled(data(node, 0));
    if (in.flattened()) {
      throw refusal(node, "normalizes a flattened image per element; Nabla's batchnorm normalizes an image per"
          + " channel and a vector per feature");
    }
    Tensor[] t = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      t[i] = constant(node, i + 1, 1);
    }
    return in.then(new BatchNorm(unique("gamma"), t[0], unique("beta"), t[1], unique("running_mean"), t[2],
        unique("running_var"), t[3], epsilon), in.shape());
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

  private Value data(NodeProto node, int input) {
    String name = node.getInput(input);
    Value v = values.get(name);
    if (v == null) {
      throw refusal(node, constants.containsKey(name) ? "input '" + name + "' is a constant where Nabla reads the data"
          : "input '" + name + "' is not a graph input, an initializer or an earlier node's output");
    }
    return v;
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
    TensorProto p = constants.get(name);
    if (p == null) {
      throw refusal(node, "input '" + name + "' must be a constant (an initializer), not computed");
    }
    Tensor t = OnnxTensors.fromProto(p, "node " + describe(node) + " input '" + name + "'", dtype, backend);
    if (rank >= 0 && t.rank() != rank) {
      throw refusal(node, "input '" + name + "' is " + shapeText(t.shape()) + "; rank " + rank + " is expected");
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
    throw refusal(node, "its bias " + shapeText(b.shape()) + " does not broadcast to " + units + " outputs");
  }

  private Value vectors(NodeProto node, Value in) {
    if (in.shape().size() != 1) {
      throw refusal(node, "takes [N, features], not samples " + shapeText(in.shape()) + " (Flatten first)");
    }
    return in;
  }

  private Value images(NodeProto node, Value in) {
    if (in.shape().size() != 3 || in.flattened()) {
      throw refusal(node, "takes images [N, channels, height, width], not samples " + shapeText(in.shape()));
    }
    return in;
  }

  private void checkFeatures(NodeProto node, Value in, int rows) {
    if (rows != in.shape().get(0)) {
      throw refusal(node, "its weight takes " + rows + " features; its input has " + in.shape().get(0));
    }
  }

  private List<Integer> windows(NodeProto node, List<Integer> image, int channels, int size, int stride, int padding) {
    long h = image.get(1) + 2L * padding - size;
    long w = image.get(2) + 2L * padding - size;
    if (h < 0 || w < 0) {
      throw refusal(node, "its " + size + "x" + size + " window does not fit in " + shapeText(image));
    }
    return List.of(channels, (int) (h / stride + 1), (int) (w / stride + 1));
  }

  private int square(NodeProto node, String name, long[] values) {
    if (values.length == 0) {
      return 1;
    }
    if (values.length != 2 || values[0] != values[1] || values[0] < 1 || values[0] > Integer.MAX_VALUE) {
      throw refusal(node, name + " " + Arrays.toString(values) + " are not supported; Nabla takes one positive"
          + " value for rows and columns");
    }
    return (int) values[0];
  }

  private int padding(NodeProto node, Attributes a) {
    String autoPad = a.string("auto_pad", "NOTSET");
    long[] pads = a.ints("pads");
    if (autoPad.equals("VALID") || autoPad.equals("NOTSET") && pads.length == 0) {
      return 0;
    }
    if (!autoPad.equals("NOTSET")) {
      throw refusal(node, "auto_pad " + autoPad + " is not supported; Nabla reads explicit pads");
    }
    if (pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p != pads[0]) || pads[0] < 0 || pads[0] > 1 << 16) {
      throw refusal(node, "pads " + Arrays.toString(pads) + " are not supported; Nabla pads each side alike"
          + " (asymmetric padding is not supported)");
    }
    return (int) pads[0];
  }

  private void checkAll(NodeProto node, String name, long[] values, long expected) {
    for (long v : values) {
      if (v != expected) {
        throw refusal(node, name + " " + Arrays.toString(values) + " are not supported; Nabla's are all " + expected);
      }
    }
  }

  private void checkInputs(NodeProto node, int min, int max) {
    if (node.getInputCount() < min || node.getInputCount() > max) {
      throw refusal(node, "has " + node.getInputCount() + " inputs; " + (min == max ? min : min + " to " + max)
          + " are expected");
    }
  }

  private void checkOutputs(NodeProto node, int max) {
    if (node.getOutputCount() < 1) {
      throw refusal(node, "has no output");
    }
    for (int i = max; i < node.getOutputCount(); i++) {
      if (!node.getOutput(i).isEmpty() && usedElsewhere(node.getOutput(i)) && !node.getOpType().equals("Dropout")) {
        throw refusal(node, "output '" + node.getOutput(i) + "' is used; Nabla reads this operator's first output only");
      }
    }
  }

  private boolean usedElsewhere(String value) {
    for (NodeProto n : graph.getNodeList()) {
      if (n.getInputList().contains(value)) {
        return true;
      }
    }
    return graph.getOutputList().stream().anyMatch(o -> o.getName().equals(value));
  }

  private Attributes attributes(NodeProto node) {
    Map<String, AttributeProto> byName = new LinkedHashMap<>();
    for (AttributeProto a : node.getAttributeList()) {
      byName.put(a.getName(), a);
    }
    return new Attributes(node, byName);
  }

  /** A node's attributes by name, each read with a check of its type. */
  private final class Attributes {
    private final NodeProto node;
    private final Map<String, AttributeProto> byName;

    Attributes(NodeProto node, Map<String, AttributeProto> byName) {
      this.node = node;
      this.byName = byName;
    }

    long integer(String name, long otherwise) {
      AttributeProto a = byName.get(name);
      if (a == null) {
        return otherwise;
      }
      if (!a.hasI() || a.getType() != AttributeProto.AttributeType.INT && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
        throw refusal(node, "attribute " + name + " must be an integer");
      }
      return a.getI();
    }

    double real(String name, double otherwise) {
      AttributeProto a = byName.get(name);
      if (a == null) {
        return otherwise;
      }
      if (!a.hasF()) {
        throw refusal(node, "attribute " + name + " must be a float");
      }
      return a.getF();
    }

    long[] ints(String name) {
      AttributeProto a = byName.get(name);
      if (a == null) {
        return new long[0];
      }
      if (a.getIntsCount() > 16) {
        throw refusal(node, "attribute " + name + " has " + a.getIntsCount() + " values; at most 4 are expected");
      }
      return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    String string(String name, String otherwise) {
      AttributeProto a = byName.get(name);
      return a == null ? otherwise : a.getS().toStringUtf8();
    }

    TensorProto tensor(String name) {
      AttributeProto a = byName.get(name);
      if (a == null || !a.hasT()) {
        throw refusal(node, "has no tensor attribute '" + name + "'; Nabla reads Constant nodes of a tensor value");
      }
      return a.getT();
    }
  }

  static String describe(NodeProto node) {
    return "'" + (node.getName().isEmpty() ? String.join(",", node.getOutputList()) : node.getName()) + "' ("
        + node.getOpType() + ")";
  }

  private static OnnxRefusal refusal(NodeProto node, String message) {
    return new OnnxRefusal("node " + describe(node) + ": " + message);
  }

  private static String shapeText(List<Integer> shape) {
    return shape.toString();
  }

  private static String shapeText(int[] shape) {
    return Arrays.toString(shape);
  }
}
