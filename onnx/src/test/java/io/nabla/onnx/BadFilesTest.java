package io.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.io.Npz;
import io.nabla.model.Net;
import io.nabla.onnx.proto.OnnxSchema.AttributeProto;
import io.nabla.onnx.proto.OnnxSchema.GraphProto;
import io.nabla.onnx.proto.OnnxSchema.ModelProto;
import io.nabla.onnx.proto.OnnxSchema.NodeProto;
import io.nabla.onnx.proto.OnnxSchema.TensorProto;
import io.nabla.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file Nabla cannot read is refused with an IOException of one line that names the file and
 * what is at fault: the operator and node with the operators Nabla reads, the attribute, or that
 * the file is not ONNX.
 */
class BadFilesTest {

  @TempDir Path dir;

  private final Backend backend = Backends.get("pure");
  private final Net net = Net.builder("conv(4,3) relu maxpool(2) affine(10)", 1, 10, 10).seed(1).backend(backend)
      .build();

  private String refusal(String name, ModelProto model) throws IOException {
    return refusal(name, model.toByteArray());
  }

  private String refusal(String name, byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve(name), bytes);
    IOException e = assertThrows(IOException.class, () -> OnnxImport.load(file, backend));
    String message = e.getMessage();
    assertTrue(message.startsWith(file.toString()), "names the file: " + message);
    assertFalse(message.contains("\n"), "one line: " + message);
    return message;
  }

  private Net normed() {
    return Net.builder("affine(8) batchnorm relu affine(10)", 20).seed(1).backend(backend).build();
  }

  private ModelProto exported() throws IOException {
    return ModelProto.parseFrom(OnnxExport.bytes(net));
  }

  /** The exported model with the node of operator {@code op} changed. */
  private ModelProto withNode(String op, UnaryOperator<NodeProto.Builder> change) throws IOException {
    return withNode(net, op, change);
  }

  /** {@code exported}, exported, with the node of operator {@code op} changed. */
  private static ModelProto withNode(Net exported, String op, UnaryOperator<NodeProto.Builder> change)
      throws IOException {
    ModelProto model = ModelProto.parseFrom(OnnxExport.bytes(exported));
    GraphProto.Builder graph = model.getGraph().toBuilder();
    for (NodeProto.Builder node : graph.getNodeBuilderList()) {
      if (node.getOpType().equals(op)) {
        change.apply(node);
      }
    }
    return model.toBuilder().setGraph(graph).build();
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    Arrays.stream(values).forEach(a::addInts);
    return a.build();
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  @Test
  void anUnsupportedOperatorIsNamedWithItsNodeAndTheSupportedList() throws Exception {
    String m = refusal("elu.onnx", withNode("Relu", n -> n.setOpType("Elu")));
    assertTrue(m.contains("node 'L2.Relu' (Elu)") && m.contains("operator Elu is not supported")
        && m.contains("Gemm, MatMul, Add, Relu"), m);
  }

  @Test
  void unsupportedConvolutionAttributesNameThemselves() throws Exception {
    String dilated = refusal("dilated.onnx", withNode("Conv", n -> n.addAttribute(ints("dilations", 2, 2))));
    assertTrue(dilated.contains("(Conv): dilations [2, 2] are not supported"), dilated);
    String grouped = refusal("grouped.onnx", withNode("Conv", n -> n.addAttribute(integer("group", 2))));
    assertTrue(grouped.contains("group 2 is not supported"), grouped);
    String asymmetric = refusal("asymmetric.onnx", withNode("Conv", n -> {
      for (int i = 0; i < n.getAttributeCount(); i++) {
        if (n.getAttribute(i).getName().equals("pads")) {
          n.setAttribute(i, ints("pads", 1, 1, 0, 0));
        }
      }
      return n;
    }));
    assertTrue(asymmetric.contains("pads [1, 1, 0, 0] are not supported") && asymmetric.contains("asymmetric"),
        asymmetric);
    String ceil = refusal("ceil.onnx", withNode("MaxPool", n -> n.addAttribute(integer("ceil_mode", 1))));
    assertTrue(ceil.contains("(MaxPool): ceil_mode 1 is not supported"), ceil);
  }

  @Test
  void aFileThatIsNotOnnxIsNamed() throws Exception {
    Path npz = dir.resolve("model.npz");
    Npz.save(npz, Map.of("W1", Tensors.zeros(io.nabla.backend.DType.FLOAT32, 2, 2)));
    String m = refusal("model-npz.onnx", Files.readAllBytes(npz));
    assertTrue(m.contains("not an ONNX model"), m);
    String text = refusal("text.onnx",
        "hello, this is not a model\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(text.contains("not an ONNX model"), text);
    String empty = refusal("empty.onnx", new byte[0]);
    assertTrue(empty.contains("not an ONNX model"), empty);
    byte[] whole = exported().toByteArray();
    String cut = refusal("cut.onnx", Arrays.copyOf(whole, whole.length / 2));
    assertTrue(cut.contains("truncated or corrupt") || cut.contains("needs"), cut);
    IOException missing = assertThrows(IOException.class, () -> OnnxImport.load(dir.resolve("absent.onnx"), backend));
    assertTrue(missing.getMessage().contains("absent.onnx: no such file"), missing.getMessage());
  }

  @Test
  void impossibleTensorSizesAreRefusedBeforeAnythingIsAllocated() throws Exception {
    ModelProto model = exported();
    GraphProto.Builder graph = model.getGraph().toBuilder();
    TensorProto w = graph.getInitializer(0);
    graph.setInitializer(0, w.toBuilder().clearDims().addDims(1L << 40).addDims(1L << 40));
    String huge = refusal("huge.onnx", model.toBuilder().setGraph(graph).build());
    assertTrue(huge.contains("more elements than a Java array holds") || huge.contains("impossible"), huge);
    graph.setInitializer(0, w.toBuilder().clearDims().addDims(40_000).addDims(40_000));
    String short_ = refusal("short.onnx", model.toBuilder().setGraph(graph).build());
    assertTrue(short_.contains("needs 6400000000 bytes of data and has"), short_);
    graph.setInitializer(0, w.toBuilder().clearDims().addDims(-4));
    String negative = refusal("negative.onnx", model.toBuilder().setGraph(graph).build());
    assertTrue(negative.contains("impossible dimensions [-4]"), negative);
    graph.setInitializer(0, w.toBuilder().setDataLocation(1).clearRawData());
    String external = refusal("external.onnx", model.toBuilder().setGraph(graph).build());
    assertTrue(external.contains("external file"), external);
    graph.setInitializer(0, w.toBuilder().setDataType(TensorProto.DataType.FLOAT16_VALUE)
        .setRawData(ByteString.copyFrom(new byte[w.getRawData().size() / 2])));
    String half = refusal("half.onnx", model.toBuilder().setGraph(graph).build());
    assertTrue(half.contains("element type FLOAT16"), half);
  }

  @Test
  void anIdentityWithoutAnInputIsRefusedNotACrash() throws Exception {
    byte[] onnx = new GraphBuilder(13, 4).node("Relu", java.util.List.of("input"), "r")
        .node("Identity", java.util.List.of(), "i").node("Add", java.util.List.of("r", "i"), "scores").bytes("scores");
    String m = refusal("identity.onnx", onnx);
    assertTrue(m.contains("(Identity): has 0 inputs; 1 are expected"), m);
  }

  @Test
  void graphsTooLongOrTooDeeplyNestedAreRefusedBeforeTheyExhaustMemoryOrTheStack() throws Exception {
    GraphBuilder chain = new GraphBuilder(13, 4).initializer("W", Tensors.zeros(backend,
        io.nabla.backend.DType.FLOAT32, 4, 2));
    String previous = "input";
    for (int i = 0; i < 20_000; i++) {
      chain.node("Relu", java.util.List.of(previous), "r" + i);
      previous = "r" + i;
    }
    String m = refusal("long.onnx", chain.node("Gemm", java.util.List.of(previous, "W"), "scores").bytes("scores"));
    assertTrue(m.contains("needs more than 10000 nodes"), m);
    GraphBuilder nested = new GraphBuilder(13, 4).initializer("W", Tensors.zeros(backend,
        io.nabla.backend.DType.FLOAT32, 4, 2));
    previous = "input";
    for (int i = 0; i < 100; i++) { // v(k+1) = x + v(k): each Add nests the blocks before it
      nested.node("Relu", java.util.List.of(previous), "r" + i)
          .node("Add", java.util.List.of("input", "r" + i), "s" + i);
      previous = "s" + i;
    }
    String deep = refusal("deep.onnx", nested.node("Gemm", java.util.List.of(previous, "W"), "scores").bytes("scores"));
    assertTrue(deep.contains("nests residual blocks 65 deep; Nabla reads at most 64"), deep);
  }

  @Test
  void emptyWeightsWhoseOtherSizesWouldBeTakenOnTrustAreRefused() throws Exception {
    // Gemm [4, 0] then [0, 2e9]: no data to check, and 2e9 outputs would be allocated for a bias.
    byte[] gemm = new GraphBuilder(13, 4)
        .initializer("W1", Tensors.zeros(backend, io.nabla.backend.DType.FLOAT32, 4, 0))
        .node("Gemm", java.util.List.of("input", "W1"), "h").bytes("h");
    String m = refusal("empty.onnx", gemm);
    assertTrue(m.contains("input 'W1' [4, 0] has no elements"), m);
  }

  @Test
  void aBatchNormalizationOfTrainingModesOutputsIsRefused() throws Exception {
    String m = refusal("bn-training.onnx", withNode(normed(), "BatchNormalization",
        n -> n.addOutput("running_mean_out").addOutput("running_var_out")));
    assertTrue(m.contains("has output 'running_mean_out' of training mode"), m);
  }

  @Test
  void aDescriptionNestingResidualBlocksTooDeeplyIsRefusedNotAStackOverflow() throws Exception {
    ModelProto model = exported();
    String deep = "residual(".repeat(5000) + "relu" + ")".repeat(5000);
    String description = model.getMetadataProps(0).getValue().replaceFirst("(?m)^net=.*$", "net=" + deep);
    ModelProto crafted = model.toBuilder().setMetadataProps(0, model.getMetadataProps(0).toBuilder()
        .setValue(description)).build();
    String m = refusal("deep-description.onnx", crafted);
    assertTrue(m.contains("residual blocks nested at most 64 deep"), m.substring(0, Math.min(300, m.length())));
  }

  @Test
  void weightsThatAreNotFiniteAreRefusedNamingTheParameter() throws Exception {
    ModelProto model = exported();
    GraphProto.Builder graph = model.getGraph().toBuilder();
    TensorProto w = graph.getInitializer(0);
    byte[] raw = w.getRawData().toByteArray();
    java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(4, Float.NaN);
    graph.setInitializer(0, w.toBuilder().setRawData(ByteString.copyFrom(raw)));
    String m = refusal("nan.onnx", model.toBuilder().setGraph(graph).build());
    assertTrue(m.contains("parameter W1 [4, 1, 3, 3] has 1 values that are not finite"), m);
  }

  @Test
  void aSampleOfMoreElementsThanAnIntCountsIsRefused() throws Exception {
    byte[] onnx = new GraphBuilder(13, 1, 256, 256)
        .initializer("F", Tensors.zeros(backend, io.nabla.backend.DType.FLOAT32, 65_536, 1, 1, 1))
        .initializer("W", Tensors.zeros(backend, io.nabla.backend.DType.FLOAT32, 0, 10))
        .node("Conv", java.util.List.of("input", "F"), "c").node("Flatten", java.util.List.of("c"), "f")
        .node("Gemm", java.util.List.of("f", "W"), "scores").bytes("scores");
    String m = refusal("overflow.onnx", onnx);
    assertTrue(m.contains("has more elements than Nabla's tensors hold"), m);
  }

  @Test
  void aBatchNormalizationOfEpsilonZeroIsRefusedNamingIt() throws Exception {
    String m = refusal("eps.onnx", withNode(normed(), "BatchNormalization", n -> n.setAttribute(0,
        AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT).setF(0f))));
    assertTrue(m.contains("(BatchNormalization): batchNorm: epsilon must be a positive number, got 0.0"), m);
  }
}
