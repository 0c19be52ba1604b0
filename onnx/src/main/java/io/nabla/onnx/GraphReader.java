package io.nabla.onnx;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.layer.Layer;
import io.nabla.layer.Sequential;
import io.nabla.model.Net;
import io.nabla.onnx.proto.OnnxSchema.GraphProto;
import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import io.nabla.onnx.proto.OnnxSchema.TensorProto;
import io.nabla.onnx.proto.OnnxSchema.TensorShapeProto;
import io.nabla.onnx.proto.OnnxSchema.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ONNX graph into a Nabla net: walks back from the graph's first output to its one data
 * input, takes the nodes on that path in order ({@link NodeReader} reads each as a layer), and
 * builds the net. A final {@code Softmax} or {@code LogSoftmax} is the classifier's own softmax and
 * is left out. A graph whose output needs more than {@value #MAX_NODES} nodes is refused before any
 * is read, so a small file cannot make the reader hold more than its nets need.
 */
final class GraphReader {

  /** The most nodes a graph's output may need: far more than any net of Nabla's layers has. */
  static final int MAX_NODES = 10_000;

  private final GraphProto graph;
  private final Backend backend;
  private final Map<String, TensorProto> constants = new HashMap<>();
  private final Set<String> consumed = new HashSet<>();

  GraphReader(GraphProto graph, Backend backend) {
    this.graph = graph;
    this.backend = backend;
  }

  /** The net, and the operator of the final softmax left out, if there was one. */
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
      consumed.addAll(graph.getNode(i).getInputList());
    }
    graph.getOutputList().forEach(o -> consumed.add(o.getName()));
    String output = graph.getOutput(0).getName();
    String finalSoftmax = null;
    Integer last = producers.get(output);
    if (last != null && isSoftmax(graph.getNode(last))) { // the classifier's scores are its input
      NodeProto n = graph.getNode(last);
      long axis = new NodeAttributes(n).integer("axis", 1);
      if (axis != 1 && axis != -1) {
        throw refusal(n, "axis " + axis + " is not supported; the class scores' axis is 1");
      }
      finalSoftmax = n.getOpType();
      output = n.getInput(0);
    }
    boolean[] needed = needed(output, producers);
    String inputName = dataInput(needed);
    ValueInfoProto input = graph.getInputList().stream().filter(v -> v.getName().equals(inputName)).findFirst()
        .orElseThrow();
    List<Integer> sample = sampleShape(input);
    DType dtype = OnnxTensors.dtype(input.getType().getTensorType().getElemType(), "input '" + inputName + "'");
    NodeReader nodes = new NodeReader(backend, dtype, constants, consumed);
    nodes.input(inputName, sample);
    for (int i = 0; i < graph.getNodeCount(); i++) {
      if (needed[i]) {
        NodeProto node = graph.getNode(i);
        try {
          nodes.apply(node);
        } catch (IllegalArgumentException e) {
          throw refusal(node, e.getMessage());
        }
      }
    }
    List<Layer> layers = nodes.scores(output);
    int[] inputShape = sample.stream().mapToInt(Integer::intValue).toArray();
    try {
      return new Read(Net.over(new Sequential(layers), inputShape),
          Optional.ofNullable(finalSoftmax));
    } catch (IllegalArgumentException e) {
      throw new OnnxRefusal("the graph's layers do not make a Nabla net: " + e.getMessage());
    }
  }

  private static boolean isSoftmax(NodeProto n) {
    return (n.getOpType().equals("Softmax") || n.getOpType().equals("LogSoftmax")) && n.getInputCount() == 1
        && ownDomain(n);
  }

  static boolean ownDomain(NodeProto n) {
    return n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
  }

  /** Marks the nodes the output is computed with, walking back from it; refuses too many. */
  private boolean[] needed(String output, Map<String, Integer> producers) {
    boolean[] needed = new boolean[graph.getNodeCount()];
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(output));
    Set<String> seen = new HashSet<>();
    int count = 0;
    while (!todo.isEmpty()) {
      String v = todo.pop();
      Integer p = producers.get(v);
      if (v.isEmpty() || !seen.add(v) || p == null || needed[p]) {
        continue;
      }
      needed[p] = true;
      if (++count > MAX_NODES) {
        throw new OnnxRefusal("the graph's output needs more than " + MAX_NODES + " nodes; Nabla reads nets of at most"
            + " " + MAX_NODES);
      }
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
    if (dims.size() != 2 && dims.size() != 4) {
      throw new OnnxRefusal("input '" + input.getName() + "' has " + dims.size() + " dimensions; Nabla's nets take"
          + " [N, features] or [N, channels, height, width]");
    }
    List<Integer> sample = new ArrayList<>();
    for (int d = 1; d < dims.size(); d++) {
      long size = dims.get(d).getDimValue();
      if (!dims.get(d).hasDimValue() || size < 1 || size > Integer.MAX_VALUE) {
        throw new OnnxRefusal("input '" + input.getName() + "': dimension " + d + " must be a known positive size,"
            + " not " + (dims.get(d).hasDimParam() ? "'" + dims.get(d).getDimParam() + "'" : size));
      }
      sample.add((int) size);
    }
    elements(sample, "input '" + input.getName() + "'");
    return sample;
  }

  /** The elements of a sample of {@code shape}, refused when more than an int counts. */
  static int elements(List<Integer> shape, String what) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new OnnxRefusal(what + " " + shape + " has more elements than Nabla's tensors hold");
      }
    }
    return (int) n;
  }

  static String describe(NodeProto node) {
    return "'" + (node.getName().isEmpty() ? String.join(",", node.getOutputList()) : node.getName()) + "' ("
        + node.getOpType() + ")";
  }

  static OnnxRefusal refusal(NodeProto node, String message) {
    return new OnnxRefusal("node " + describe(node) + ": " + message);
  }
}
