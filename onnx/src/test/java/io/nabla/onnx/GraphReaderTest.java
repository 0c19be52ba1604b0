package io.nabla.onnx;

import static io.nabla.onnx.GraphBuilder.integer;
import static io.nabla.onnx.GraphBuilder.ints;
import static io.nabla.onnx.GraphBuilder.real;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.model.Net;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graphs written by hand in the forms other frameworks write (MatMul then Add, Reshape, a final
 * Softmax or LogSoftmax, Constant and Identity nodes, Gemm's alpha, beta and transB, Dropout's
 * ratio as an attribute of opset 10, Pad as an attribute, an Add of two branches, attributes a
 * proto3 writer leaves out): each reads as the net it is, and scores as ONNX Runtime runs the file.
 */
class GraphReaderTest {

  private final Backend backend = Backends.get("pure");
  private final SeededRandom random = new SeededRandom(21);

  private Tensor normal(int... shape) {
    return Tensors.randomNormal(backend, random, 0, 0.5, DType.FLOAT32, shape);
  }

  /** Reads the graph, checks its layers, and compares its scores with ONNX Runtime's output. */
  private OnnxImport.Imported readAndCompare(byte[] onnx, String layers, int... sample) throws Exception {
    OnnxImport.Imported imported = OnnxImport.read("graph", onnx, backend);
    Net net = imported.net();
    assertEquals(layers, net.architecture().text());
    int[] shape = new int[sample.length + 1];
    shape[0] = 7;
    System.arraycopy(sample, 0, shape, 1, sample.length);
    Tensor x = Tensors.randomUniform(backend, random, -1, 1, DType.FLOAT32, shape);
    double[][] runtime = OnnxRuntimeCheck.run(onnx, "input", x);
    Tensor expected = imported.finalSoftmax().isEmpty() ? net.scores(x)
        : imported.finalSoftmax().get().equals("Softmax") ? net.predict(x) : net.predict(x).log();
    for (int r = 0; r < 7; r++) {
      for (int c = 0; c < runtime[r].length; c++) {
        assertEquals(runtime[r][c], expected.get(r, c), 1e-5 * Math.max(1, Math.abs(runtime[r][c])),
            "row " + r + ", class " + c);
      }
    }
    return imported;
  }

  @Test
  void matMulThenAddIsAnAffineLayerAndAMatMulAloneOneOfBiasZero() throws Exception {
    byte[] onnx = new GraphBuilder(13, 6).initializer("W", normal(6, 5)).initializer("b", normal(5))
        .initializer("W2", normal(5, 3))
        .node("MatMul", List.of("input", "W"), "h").node("Add", List.of("b", "h"), "hb")
        .node("Relu", List.of("hb"), "a").node("MatMul", List.of("a", "W2"), "scores").bytes("scores");
    readAndCompare(onnx, "affine(5) relu affine(3)", 6);
  }

  @Test
  void gemmsAlphaBetaAndTransposedWeightAreApplied() throws Exception {
    byte[] onnx = new GraphBuilder(13, 6).initializer("W", normal(4, 6)).initializer("c", normal(1, 4))
        .node("Gemm", List.of("input", "W", "c"), "scores", real("alpha", 0.5f), real("beta", 2f),
            integer("transB", 1)).bytes("scores");
    readAndCompare(onnx, "affine(4)", 6);
  }

  @Test
  void aReshapeOfConstantShapeAndAFinalSoftmaxAreRead() throws Exception {
    byte[] onnx = new GraphBuilder(13, 2, 4, 4).initializer("F", normal(3, 2, 3, 3)).initializer("W", normal(12, 4))
        .constant("shape", OnnxTensors.int64Vector("shape", 0, -1))
        .node("Conv", List.of("input", "F"), "c", ints("kernel_shape", 3, 3))
        .node("Identity", List.of("c"), "i")
        .node("Reshape", List.of("i", "shape"), "flat")
        .node("Gemm", List.of("flat", "W"), "scores")
        .node("Softmax", List.of("scores"), "probabilities", integer("axis", 1)).bytes("probabilities");
    OnnxImport.Imported imported = readAndCompare(onnx, "conv(3,3) affine(4)", 2, 4, 4);
    assertEquals("Softmax", imported.finalSoftmax().orElseThrow());
  }

  @Test
  void aFinalLogSoftmaxIsTheClassifiersOwnToo() throws Exception {
    byte[] onnx = new GraphBuilder(13, 5).initializer("W", normal(5, 3))
        .node("Gemm", List.of("input", "W"), "scores").node("LogSoftmax", List.of("scores"), "log", integer("axis", -1))
        .bytes("log");
    assertEquals("LogSoftmax", readAndCompare(onnx, "affine(3)", 5).finalSoftmax().orElseThrow());
  }

  @Test
  void opsetTensFormsDropoutRatioAndPadAsAttributesAreRead() throws Exception {
    byte[] onnx = new GraphBuilder(10, 1, 6, 6).initializer("F", normal(2, 1, 3, 3)).initializer("W", normal(8, 3))
        .initializer("b", normal(3))
        .node("Conv", List.of("input", "F"), "c")
        .node("Pad", List.of("c"), "p", ints("pads", 0, 0, 0, 0, 0, 0, 0, 0))
        .node("AveragePool", List.of("p"), "a", ints("kernel_shape", 2, 2), ints("strides", 2, 2))
        .node("Dropout", List.of("a"), "d", real("ratio", 0.3f))
        .node("Flatten", List.of("d"), "f")
        .node("Gemm", List.of("f", "W", "b"), "scores").bytes("scores");
    readAndCompare(onnx, "conv(2,3) avgpool(2) dropout(0.3) affine(3)", 1, 6, 6);
  }

  @Test
  void aDropoutsTrainingModeFalseInEitherEncodingIsReadAndTrueIsRefused() throws Exception {
    io.nabla.onnx.proto.OnnxSchema.TensorProto raw = io.nabla.onnx.proto.OnnxSchema.TensorProto.newBuilder()
        .setName("off").setDataType(9).setRawData(com.google.protobuf.ByteString.copyFrom(new byte[] {0})).build();
    io.nabla.onnx.proto.OnnxSchema.TensorProto ints = raw.toBuilder().clearRawData().addInt32Data(0).build();
    io.nabla.onnx.proto.OnnxSchema.TensorProto on = raw.toBuilder()
        .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[] {1})).build();
    for (io.nabla.onnx.proto.OnnxSchema.TensorProto mode : List.of(raw, ints, on)) {
      byte[] onnx = new GraphBuilder(13, 4).initializer("W", normal(4, 3))
          .initializer("ratio", Tensors.scalar(0.3, DType.FLOAT32).reshape())
          .constant("mode", mode)
          .node("Dropout", List.of("input", "ratio", "mode"), "d").node("Gemm", List.of("d", "W"), "scores")
          .bytes("scores");
      if (mode == on) {
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
            () -> OnnxImport.read("graph", onnx, backend));
        assertTrue(e.getMessage().contains("training_mode must be absent or a constant false"), e.getMessage());
      } else {
        readAndCompare(onnx, "dropout(0.3) affine(3)", 4);
      }
    }
  }

  @Test
  void anIdentityOfAWeightIsAnotherNameForIt() throws Exception {
    byte[] onnx = new GraphBuilder(13, 5).initializer("W", normal(5, 2))
        .node("Identity", List.of("W"), "W_shared").node("MatMul", List.of("input", "W_shared"), "scores")
        .bytes("scores");
    readAndCompare(onnx, "affine(2)", 5);
  }

  @Test
  void anAddOfTwoBranchesOfOneValueIsAResidualBlock() throws Exception {
    byte[] onnx = new GraphBuilder(13, 4).initializer("W", normal(4, 4)).initializer("b", normal(4))
        .initializer("W2", normal(4, 2))
        .node("Gemm", List.of("input", "W", "b"), "g").node("Tanh", List.of("g"), "t")
        .node("Add", List.of("t", "input"), "sum").node("Gemm", List.of("sum", "W2"), "scores").bytes("scores");
    readAndCompare(onnx, "residual(affine(4) tanh) affine(2)", 4);
  }

  @Test
  void anIntegerAttributeAProto3WriterLeftOutReadsAsZero() throws Exception {
    io.nabla.onnx.proto.OnnxSchema.AttributeProto zero = io.nabla.onnx.proto.OnnxSchema.AttributeProto.newBuilder()
        .setName("transB").setType(io.nabla.onnx.proto.OnnxSchema.AttributeProto.AttributeType.INT).build();
    byte[] onnx = new GraphBuilder(13, 3).initializer("W", normal(3, 2))
        .node("Gemm", List.of("input", "W"), "scores", zero).bytes("scores");
    assertTrue(readAndCompare(onnx, "affine(2)", 3).finalSoftmax().isEmpty());
  }
}
