package io.nabla.onnx;

import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import java.util.Arrays;
import java.util.List;

/** The window attributes of a Conv or a pooling node, as Nabla's square windows take them. */
final class Windows {

  /** More padding than any image Nabla's tensors hold needs. */
  private static final long MAX_PADDING = 1 << 16;

  private Windows() {}

  /** One stride for rows and columns (1 when left out). */
  static int stride(NodeProto node, NodeAttributes a) {
    long[] values = a.ints("strides");
    if (values.length == 0) {
      return 1;
    }
    if (values.length != 2 || values[0] != values[1] || values[0] < 1 || values[0] > Integer.MAX_VALUE) {
      throw GraphReader.refusal(node, "strides " + Arrays.toString(values) + " are not supported; Nabla takes one"
          + " positive stride for rows and columns");
    }
    return (int) values[0];
  }

  /**
   * One padding for every side (0 when left out or {@code VALID}).
   *
   * @param rule what Nabla's layer takes, for the message that refuses other pads
   */
  static int padding(NodeProto node, NodeAttributes a, String rule) {
    String autoPad = a.string("auto_pad", "NOTSET");
    long[] pads = a.ints("pads");
    if (autoPad.equals("VALID") || autoPad.equals("NOTSET") && pads.length == 0) {
      return 0;
    }
    if (!autoPad.equals("NOTSET")) {
      throw GraphReader.refusal(node, "auto_pad " + autoPad + " is not supported; Nabla reads explicit pads");
    }
    if (pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p != pads[0]) || pads[0] < 0 || pads[0] > MAX_PADDING) {
      throw GraphReader.refusal(node, "pads " + Arrays.toString(pads) + " are not supported; " + rule);
    }
    return (int) pads[0];
  }

  /** The sample shape after windows of {@code size} over {@code image}, the output's rule of ONNX's floor mode. */
  static List<Integer> output(NodeProto node, List<Integer> image, int channels, int size, int stride, int padding) {
    long h = image.get(1) + 2L * padding - size;
    long w = image.get(2) + 2L * padding - size;
    if (h < 0 || w < 0) {
      throw GraphReader.refusal(node, "its " + size + "x" + size + " window does not fit in " + image);
    }
    if (h / stride + 1 > Integer.MAX_VALUE || w / stride + 1 > Integer.MAX_VALUE) {
      throw GraphReader.refusal(node, "its output of " + image + " with padding " + padding + " is larger than"
          + " Nabla's tensors hold");
    }
    List<Integer> out = List.of(channels, (int) (h / stride + 1), (int) (w / stride + 1));
    GraphReader.elements(out, "node " + GraphReader.describe(node) + " output");
    return out;
  }
}
