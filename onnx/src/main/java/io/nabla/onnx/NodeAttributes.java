package io.nabla.onnx;

import io.nabla.onnx.proto.OnnxSchema.AttributeProto;
import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import io.nabla.onnx.proto.OnnxSchema.TensorProto;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's attributes by name, each read with a check of its type. A value a proto3 writer left
 * out because it is zero reads as zero, as ONNX's readers take it.
 */
final class NodeAttributes {

  /** More values than any attribute Nabla reads has (pads of a 2-D window have 4). */
  private static final int MAX_INTS = 16;

  private final NodeProto node;
  private final Map<String, AttributeProto> byName = new LinkedHashMap<>();

  NodeAttributes(NodeProto node) {
    this.node = node;
    for (AttributeProto a : node.getAttributeList()) {
      byName.put(a.getName(), a);
    }
  }

  long integer(String name, long otherwise) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return otherwise;
    }
    if (a.getType() != AttributeProto.AttributeType.INT && !(a.getType() == AttributeProto.AttributeType.UNDEFINED
        && a.hasI())) {
      throw refusal("attribute " + name + " must be an integer");
    }
    return a.getI();
  }

  double real(String name, double otherwise) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return otherwise;
    }
    if (a.getType() != AttributeProto.AttributeType.FLOAT && !(a.getType() == AttributeProto.AttributeType.UNDEFINED
        && a.hasF())) {
      throw refusal("attribute " + name + " must be a float");
    }
    return OnnxTensors.decimal(a.getF());
  }

  long[] ints(String name) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return new long[0];
    }
    if (a.getIntsCount() > MAX_INTS) {
      throw refusal("attribute " + name + " has " + a.getIntsCount() + " values; at most " + MAX_INTS + " are read");
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
      throw refusal("has no tensor attribute '" + name + "'; Nabla reads Constant nodes of a tensor value");
    }
    return a.getT();
  }

  /** Refuses values other than {@code expected}. */
  void requireAll(String name, long expected) {
    long[] values = ints(name);
    for (long v : values) {
      if (v != expected) {
        throw refusal(name + " " + Arrays.toString(values) + " are not supported; Nabla's are all " + expected);
      }
    }
  }

  private OnnxRefusal refusal(String message) {
    return GraphReader.refusal(node, message);
  }
}
