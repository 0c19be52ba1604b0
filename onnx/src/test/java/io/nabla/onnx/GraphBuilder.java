package io.nabla.onnx;

import io.nabla.onnx.proto.OnnxSchema.AttributeProto;
import io.nabla.onnx.proto.OnnxSchema.GraphProto;
import io.nabla.onnx.proto.OnnxSchema.ModelProto;
import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import io.nabla.onnx.proto.OnnxSchema.OperatorSetIdProto;
import io.nabla.onnx.proto.OnnxSchema.TensorProto;
import io.nabla.onnx.proto.OnnxSchema.TensorShapeProto;
import io.nabla.onnx.proto.OnnxSchema.TypeProto;
import io.nabla.onnx.proto.OnnxSchema.ValueInfoProto;
import io.nabla.tensor.Tensor;
import java.util.List;

/** Small ONNX graphs written by hand, as another framework would write them, for the reader's tests. */
final class GraphBuilder {

  private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
  private final long opset;
  private int nodes;

  /** A float32 graph of input {@code input} of samples {@code sample}, in operator set {@code opset}. */
  GraphBuilder(long opset, long... sample) {
    this.opset = opset;
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
    for (long d : sample) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    graph.addInput(ValueInfoProto.newBuilder().setName("input").setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))));
  }

  /** A float initializer. */
  GraphBuilder initializer(String name, Tensor value) {
    graph.addInitializer(OnnxTensors.toProto(name, value));
    return this;
  }

  /** An int64 initializer. */
  GraphBuilder integers(String name, long... values) {
    graph.addInitializer(OnnxTensors.int64Vector(name, values));
    return this;
  }

  /** A node of {@code op} from {@code inputs} to {@code output}, with attributes. */
  GraphBuilder node(String op, List<String> inputs, String output, AttributeProto... attributes) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + ++nodes).addAllInput(inputs)
        .addOutput(output);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return this;
  }

  /** A Constant node holding {@code value}. */
  GraphBuilder constant(String output, TensorProto value) {
    return node("Constant", List.of(), output, AttributeProto.newBuilder().setName("value")
        .setType(AttributeProto.AttributeType.TENSOR).setT(value).build());
  }

  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto real(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  /** The model's bytes, its graph's output {@code output}. */
  byte[] bytes(String output) {
    GraphProto g = graph.clone().addOutput(ValueInfoProto.newBuilder().setName(output).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1)))).build();
    return ModelProto.newBuilder().setIrVersion(7).setProducerName("hand").setGraph(g)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).build().toByteArray();
  }
}
