package io.nabla.onnx;

import io.nabla.backend.DType;
import io.nabla.backend.UnaryOp;
import io.nabla.layer.Affine;
import io.nabla.layer.AvgPool2d;
import io.nabla.layer.BatchNorm;
import io.nabla.layer.Conv2d;
import io.nabla.layer.Dropout;
import io.nabla.layer.ElementwiseActivation;
import io.nabla.layer.Layer;
import io.nabla.layer.MaxPool2d;
import io.nabla.layer.Parameter;
import io.nabla.layer.Residual;
import io.nabla.layer.Sequential;
import io.nabla.model.Net;
import io.nabla.onnx.proto.OnnxSchema.AttributeProto;
import io.nabla.onnx.proto.OnnxSchema.GraphProto;
import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import io.nabla.onnx.proto.OnnxSchema.TensorShapeProto;
import io.nabla.onnx.proto.OnnxSchema.TypeProto;
import io.nabla.onnx.proto.OnnxSchema.ValueInfoProto;
import io.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One net's ONNX graph: each of Nabla's layers as the ONNX operator that computes the same
 * thing in evaluation (see the table in {@code docs/onnx.md}). Values are named after the layer
 * that makes them ({@code L3}, for the third), nodes after the layer and their operator ({@code
 * L3.Gemm}).
 */
final class GraphWriter {

  private final Net net;
  private final DType dtype;
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private int layerCount;

  GraphWriter(Net net) {
    this.net = net;
    this.dtype = net.dtype();
  }

  GraphProto graph() {
    graph.setName("nabla");
    List<Integer> sample = net.inputShape();
    graph.addInput(valueInfo(OnnxExport.INPUT, sample));
    Flow out = layer(net.network(), new Flow(OnnxExport.INPUT, sample.size()));
    int classes = net.outputSize();
    graph.addNode(node("Identity", "scores", List.of(out.value), OnnxExport.SCORES));
    graph.addNode(node("Softmax", "probabilities", List.of(OnnxExport.SCORES), OnnxExport.PROBABILITIES)
        .addAttribute(integer("axis", 1)));
    graph.addOutput(valueInfo(OnnxExport.SCORES, List.of(classes)));
    graph.addOutput(valueInfo(OnnxExport.PROBABILITIES, List.of(classes)));
    return graph.build();
  }

  /** A value of the graph and the rank of a sample in it (1 for a vector, 3 for an image). */
  private record Flow(String value, int rank) {
    Flow rename(String name) {
      return new Flow(name, rank);
    }
  }

  private Flow layer(Layer layer, Flow in) {
    if (layer instanceof Sequential sequential) {
      Flow flow = in;
      for (Layer inner : sequential.layers()) {
        flow = layer(inner, flow);
      }
      return flow;
    }
    String name = "L" + ++layerCount;
    if (layer instanceof Residual residual) {
      Flow inner = layer(residual.inner(), in);
      graph.addNode(node("Add", name + ".Add", List.of(in.value, inner.value), name));
      return new Flow(name, in.rank);
    }
    if (layer instanceof Affine affine) {
      String x = in.value;
      if (in.rank != 1) { // the affine layer takes an image's elements in a row, as Flatten lays them out
        x = name + ".flat";
        graph.addNode(node("Flatten", name + ".Flatten", List.of(in.value), x).addAttribute(integer("axis", 1)));
      }
      List<String> inputs = parameters(layer);
      graph.addNode(node("Gemm", name + ".Gemm", List.of(x, inputs.get(0), inputs.get(1)), name));
      return new Flow(name, 1);
    }
    if (layer instanceof Conv2d conv) {
      int[] w = conv.filters().value().shape();
      List<String> inputs = parameters(layer);
      graph.addNode(node("Conv", name + ".Conv", List.of(in.value, inputs.get(0), inputs.get(1)), name)
          .addAttribute(ints("kernel_shape", w[2], w[3]))
          .addAttribute(ints("strides", conv.stride(), conv.stride()))
          .addAttribute(ints("pads", conv.padding(), conv.padding(), conv.padding(), conv.padding())));
      return new Flow(name, 3);
    }
    if (layer instanceof MaxPool2d pool) {
      graph.addNode(node("MaxPool", name + ".MaxPool", List.of(in.value), name)
          .addAttribute(ints("kernel_shape", pool.size(), pool.size()))
          .addAttribute(ints("strides", pool.stride(), pool.stride())));
      return new Flow(name, 3);
    }
    if (layer instanceof AvgPool2d pool) {
      graph.addNode(node("AveragePool", name + ".AveragePool", List.of(in.value), name)
          .addAttribute(ints("kernel_shape", pool.size(), pool.size()))
          .addAttribute(ints("strides", pool.stride(), pool.stride())));
      return new Flow(name, 3);
    }
    if (layer instanceof Dropout dropout) {
      // Without a training_mode input ONNX's Dropout is evaluation's: the input passes through.
      // The ratio is kept so that a model read back trains with the same dropout.
      String ratio = name + ".ratio";
      graph.addInitializer(OnnxTensors.scalar(ratio, dropout.p(), dtype));
      graph.addNode(node("Dropout", name + ".Dropout", List.of(in.value, ratio), name));
      return in.rename(name);
    }
    if (layer instanceof BatchNorm norm) {
      if ((float) norm.epsilon() == 0 || Float.isInfinite((float) norm.epsilon())) {
        throw new IllegalArgumentException("batchnorm(" + norm.epsilon() + "): ONNX writes epsilon as a float, which"
            + " cannot hold it");
      }
      List<String> inputs = parameters(layer);
      graph.addNode(node("BatchNormalization", name + ".BatchNormalization",
          List.of(in.value, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3)), name)
          .addAttribute(real("epsilon", norm.epsilon()))
          .addAttribute(real("momentum", BatchNorm.MOMENTUM)));
      return in.rename(name);
    }
    if (layer instanceof ElementwiseActivation activation) {
      NodeProto.Builder node = node(operator(activation.function()), name + "." + operator(activation.function()),
          List.of(in.value), name);
      if (activation.function() == UnaryOp.LEAKY_RELU) {
        node.addAttribute(real("alpha", UnaryOp.LEAKY_RELU_SLOPE));
      }
      graph.addNode(node);
      return in.rename(name);
    }
    throw new IllegalArgumentException("layer " + layer.getClass().getName() + " has no ONNX form: Nabla exports its"
        + " own layers (affine, the activations, residual, conv, maxpool, avgpool, dropout, batchnorm)");
  }

  private static String operator(UnaryOp function) {
    return switch (function) {
      case RELU -> "Relu";
      case SIGMOID -> "Sigmoid";
      case TANH -> "Tanh";
      case LEAKY_RELU -> "LeakyRelu";
      default -> throw new IllegalArgumentException("activation " + function + " has no ONNX form");
    };
  }

  /**
   * Adds the layer's parameters, then its buffers, as initializers under their Nabla names, and
   * returns the names in that order.
   */
  private List<String> parameters(Layer layer) {
    List<String> names = new ArrayList<>();
    for (Parameter p : layer.parameters()) {
      graph.addInitializer(OnnxTensors.toProto(p.name(), p.value()));
      names.add(p.name());
    }
    for (Map.Entry<String, Tensor> buffer : layer.buffers().entrySet()) {
      graph.addInitializer(OnnxTensors.toProto(buffer.getKey(), buffer.getValue()));
      names.add(buffer.getKey());
    }
    return names;
  }

  private ValueInfoProto valueInfo(String name, List<Integer> sample) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(OnnxExport.BATCH));
    for (int d : sample) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(OnnxTensors.elementType(dtype)).setShape(shape))).build();
  }

  private static NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
    return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  private static AttributeProto real(String name, double value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) value)
        .build();
  }
}
