package io.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.data.DatasetFingerprint;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.model.TrainingRecord;
import io.nabla.model.WeightInit;
import io.nabla.optimizer.Adam;
import io.nabla.optimizer.Optimizer;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.train.TrainingConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Export then import gives the net back: its layers as text, its input shape, every parameter and
 * running statistic bit for bit, and so its scores; ONNX Runtime scores every kind of layer as
 * Nabla does.
 */
class RoundTripTest {

  /** Every layer Nabla exports, in both dtypes, with images and with vectors. */
  static final String[][] NETS = {
      {"affine(20) sigmoid affine(10)", "784"},
      {"affine(16) batchnorm leaky_relu residual(affine(16) tanh) dropout(0.25) affine(10)", "30"},
      {"conv(4,3,1,1) batchnorm relu maxpool(2) conv(6,3,2,1) relu avgpool(2,1) dropout(0.5) affine(12) relu"
          + " affine(10)", "2,12,12"},
      {"conv(3,3,1,1) residual(conv(3,3,1,1) relu) maxpool(2) affine(10)", "3,8,8"},
      {"conv(3,3) batchnorm(0.00001) relu affine(8) batchnorm(0.001) dropout(0.3) affine(10)", "1,8,8"},
  };

  @TempDir Path dir;

  private final Backend backend = Backends.get("pure");

  @ParameterizedTest
  @CsvSource({"0,float32", "1,float32", "2,float32", "3,float32", "4,float32", "0,float64", "1,float64", "2,float64"})
  void exportThenImportGivesTheSameNetBitForBitAndOnnxRuntimeAgrees(int which, String dtypeName) throws Exception {
    // ONNX Runtime's CPU kernels of Conv and LeakyRelu take float only: a float64 net of those runs
    // in ONNX Runtime as float32 (nabla export's default), the file itself is checked by the round trip.

    DType dtype = DType.parse(dtypeName);
    Net net = trained(NETS[which][0], shape(NETS[which][1]), dtype);
    Tensor x = input(net, 64, 9);
    byte[] onnx = OnnxExport.bytes(net);
    OnnxImport.Imported imported = OnnxImport.read("net" + which, onnx, backend);
    Net back = imported.net();
    assertEquals(net.architecture(), back.architecture());
    assertTrue(imported.description().isPresent(), "the description matches the net read (a float32 dropout ratio of"
        + " 0.3 reads back as 0.3)");
    assertEquals(net.inputShape(), back.inputShape());
    assertEquals(dtype, back.dtype());
    Map<String, Parameter> params = back.parametersByName();
    for (Parameter p : net.parameters()) {
      assertArrayEquals(p.value().toDoubleArray(), params.get(p.name()).value().toDoubleArray(), p.name());
    }
    assertEquals(net.buffers().keySet(), back.buffers().keySet());
    net.buffers().forEach((name, t) ->
        assertArrayEquals(t.toDoubleArray(), back.buffers().get(name).toDoubleArray(), name));
    assertArrayEquals(net.scores(x).toDoubleArray(), back.scores(x).toDoubleArray(), "the same scores");
    boolean runtimeHasDouble = which == 0;
    Net served = dtype == DType.FLOAT32 || runtimeHasDouble ? net : net.asType(DType.FLOAT32);
    OnnxRuntimeCheck.assertAgrees(OnnxRuntimeCheck.compare(OnnxExport.bytes(served), served,
        served.dtype() == dtype ? x : x.asType(served.dtype()), 64), NETS[which][0] + " " + served.dtype());
  }

  @Test
  void theTrainingRecordTravelsInTheMetadata() throws Exception {
    Net net = trained(NETS[2][0], shape(NETS[2][1]), DType.FLOAT32);
    Optimizer adam = new Adam();
    TrainingRecord record = TrainingConfig.chapterDefaults().withIterations(3)
        .record(adam, backend, new DatasetFingerprint("mnist", Map.of("train-images-idx3-ubyte.gz", "ab12")),
            Instant.parse("2026-12-05T10:00:00Z"));
    Path file = dir.resolve("model.onnx");
    OnnxExport.save(file, net, record);
    OnnxImport.Imported imported = OnnxImport.load(file, backend);
    assertEquals(record, imported.description().orElseThrow().training().orElseThrow());
    assertTrue(imported.producer().startsWith("Nabla "), imported.producer());
    assertEquals(OnnxExport.OPSET, imported.opset());
    assertTrue(imported.finalSoftmax().isEmpty(), "Nabla's graph ends in its scores");
  }

  @Test
  void aFullyConnectedNetComesBackAsOne() throws Exception {
    Net net = trained(NETS[0][0], shape(NETS[0][1]), DType.FLOAT32);
    Net back = OnnxImport.read("mlp", OnnxExport.bytes(net), backend).net();
    assertTrue(back instanceof FeedForwardNet, back.getClass().getName());
  }

  /** A net after a few Adam steps, so that its biases and running statistics are not their start. */
  private Net trained(String layers, int[] shape, DType dtype) {
    Net net = Net.builder(layers, shape).seed(5).dtype(dtype).backend(backend).weightInit(WeightInit.he()).build();
    Optimizer adam = new Adam(0.01, 0.9, 0.999);
    int[] labels = new int[32];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    Tensor x = input(net, 32, 1);
    for (int step = 0; step < 3; step++) {
      net.gradient(x, Targets.labels(labels));
      adam.step(net.parameters());
    }
    return net;
  }

  private Tensor input(Net net, int rows, long seed) {
    int[] shape = new int[net.inputShape().size() + 1];
    shape[0] = rows;
    for (int d = 0; d < net.inputShape().size(); d++) {
      shape[d + 1] = net.inputShape().get(d);
    }
    return Tensors.randomUniform(backend, new SeededRandom(seed), 0, 1, net.dtype(), shape);
  }

  private static int[] shape(String text) {
    return java.util.Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
