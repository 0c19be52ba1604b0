package io.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.data.MnistData;
import io.nabla.data.MnistLoader;
import io.nabla.io.Npy;
import io.nabla.model.Net;
import io.nabla.tensor.Tensor;
import io.nabla.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models that PyTorch trained and wrote with its own ONNX exporter ({@code
 * src/test/resources/pytorch/make_fixtures.py}, PyTorch 1.13) score in Nabla as they scored in
 * PyTorch: the same class on all 10,000 MNIST test rows, and the first 500 rows' scores within
 * 1e-5 (relative to the row's largest), as PyTorch computed them.
 */
class PyTorchModelsTest {

  private static final Path FIXTURES = Paths.get("src/test/resources/pytorch");
  private static Backend backend;
  private static MnistData mnist;

  @BeforeAll
  static void load() throws Exception {
    backend = Backends.get("simd");
    mnist = MnistLoader.load(TestData.mnistDir(), true, true, DType.FLOAT32, backend);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pytorch-mlp", "pytorch-conv", "pytorch-batchnorm"})
  void aModelPyTorchWroteScoresInNablaAsInPyTorch(String name) throws Exception {
    OnnxImport.Imported imported = OnnxImport.load(FIXTURES.resolve(name + ".onnx"), backend);
    Net net = imported.net();
    assertTrue(imported.producer().startsWith("pytorch"), imported.producer());
    assertEquals(List.of(1, 28, 28), net.inputShape(), "PyTorch's input [N, 1, 28, 28]");
    Tensor pytorchClasses = read(name + "-classes.npy");
    Tensor pytorchScores = read(name + "-logits.npy");
    int same = 0;
    for (int from = 0; from < 10_000; from += 1000) { // in batches, as eval scores images
      int[] classes = net.scores(mnist.test().images().sliceRows(from, from + 1000)).argmax(1);
      for (int r = 0; r < classes.length; r++) {
        same += classes[r] == (int) pytorchClasses.getFlat(from + r) ? 1 : 0;
      }
    }
    Tensor scores = net.scores(mnist.test().images().sliceRows(0, pytorchScores.dim(0)));
    assertEquals(10_000, same, name + ": rows where Nabla's class is PyTorch's");
    double worst = 0;
    for (int r = 0; r < pytorchScores.dim(0); r++) {
      double scale = 0;
      for (int c = 0; c < 10; c++) {
        scale = Math.max(scale, Math.abs(pytorchScores.get(r, c)));
      }
      for (int c = 0; c < 10; c++) {
        worst = Math.max(worst, Math.abs(scores.get(r, c) - pytorchScores.get(r, c)) / scale);
      }
    }
    System.out.printf("%s (%s): %s, all 10000 classes equal, largest relative score difference %.2e%n", name,
        imported.producer(), net.architecture(), worst);
    assertTrue(worst <= 1e-5, name + ": largest relative difference from PyTorch's scores " + worst);
  }

  /**
   * A model PyTorch trained trains further in Nabla, as any net: its gradient agrees with central
   * differences, and Adam steps on MNIST lower its loss on the rows they train on.
   */
  @Test
  void aModelPyTorchWroteTrainsFurtherInNabla() throws Exception {
    Net net = OnnxImport.load(FIXTURES.resolve("pytorch-conv.onnx"), backend).net();
    io.nabla.data.LabeledData rows = mnist.train().slice(0, 200);
    io.nabla.loss.Targets t = rows.targets(false);
    Net net64 = net.asType(DType.FLOAT64);
    io.nabla.gradcheck.GradientChecker.centralDifferences()
        .checkModel(net64, rows.images().sliceRows(0, 3).asType(DType.FLOAT64), t.select(new int[] {0, 1, 2}))
        .assertRelativeErrorBelow(1e-5);
    double before = net.loss(rows.images(), t);
    io.nabla.optimizer.Adam adam = new io.nabla.optimizer.Adam(0.001, 0.9, 0.999);
    for (int step = 0; step < 20; step++) {
      net.gradient(rows.images(), t);
      adam.step(net.parameters());
    }
    double after = net.loss(rows.images(), t);
    System.out.printf("pytorch-conv trained further in Nabla: loss %.4f -> %.4f on 200 rows%n", before, after);
    assertTrue(after < before, "20 Adam steps lower the loss: " + before + " -> " + after);
  }

  private static Tensor read(String file) throws Exception {
    return Npy.fromBytes(file, Files.readAllBytes(FIXTURES.resolve(file)), backend);
  }
}
