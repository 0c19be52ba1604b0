package io.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.data.MnistData;
import io.nabla.data.MnistLoader;
import io.nabla.model.Net;
import io.nabla.model.WeightInit;
import io.nabla.optimizer.Adam;
import io.nabla.optimizer.Sgd;
import io.nabla.testing.TestData;
import io.nabla.train.Trainer;
import io.nabla.train.TrainingConfig;
import io.nabla.train.TrainingHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nets trained here on real MNIST, exported, and run by ONNX Runtime on all 10,000 test rows: the
 * same class for every row, and scores and probabilities within 1e-5 of Nabla's (relative to the
 * row's largest score).
 */
class ExportAgainstOnnxRuntimeTest {

  private static Backend backend;
  private static MnistData mnist;

  @BeforeAll
  static void load() throws Exception {
    backend = Backends.get("simd");
    mnist = MnistLoader.load(TestData.mnistDir(), true, true, DType.FLOAT32, backend);
  }

  @Test
  void anMlpTrainedHereScoresAllTestRowsInOnnxRuntimeAsInNabla() throws Exception {
    Net net = Net.builder("affine(100) relu affine(50) sigmoid affine(10)", 784).seed(3).backend(backend)
        .weightInit(WeightInit.he()).build();
    TrainingHistory history = new Trainer(TrainingConfig.chapterDefaults().withIterations(601))
        .train(net, new Sgd(0.1), mnist.train(), mnist.test());
    assertTrue(history.lastEpoch().testAccuracy() > 0.9, "trained: " + history.lastEpoch());
    OnnxRuntimeCheck.assertAgrees(
        OnnxRuntimeCheck.compare(OnnxExport.bytes(net), net, mnist.test().images(), 1000), "MLP");
  }

  @Test
  void aConvolutionalNetTrainedHereScoresAllTestRowsInOnnxRuntimeAsInNabla() throws Exception {
    Net net = Net.builder("conv(8,5) relu maxpool(2) conv(8,3,1,1) relu avgpool(2) affine(32) relu dropout(0.3)"
        + " affine(10)", 1, 28, 28).seed(4).backend(backend).weightInit(WeightInit.he()).build();
    TrainingHistory history = new Trainer(TrainingConfig.chapterDefaults().withIterations(601))
        .train(net, new Adam(0.002, 0.9, 0.999), mnist.train(), mnist.test());
    assertTrue(history.lastEpoch().testAccuracy() > 0.9, "trained: " + history.lastEpoch());
    OnnxRuntimeCheck.Agreement agreement = OnnxRuntimeCheck.compare(OnnxExport.bytes(net), net,
        mnist.test().images().reshape(10_000, 1, 28, 28), 500);
    OnnxRuntimeCheck.assertAgrees(agreement, "convolutional net");
    assertEquals(10_000, agreement.rows());
  }
}
