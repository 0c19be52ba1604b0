package io.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backends;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.loss.Targets;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.Sgd;
import io.nabla.tensor.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The usage example of the README, line for line, so that it cannot rot. */
class ReadmeExampleTest {

  @AfterEach
  void clearBackendChoice() {
    Backends.setCurrent(null);
  }

  @Test
  void readmeUsageExampleRunsAndLearns() {
    int[] labels = new int[100];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    // ---- README example starts ----
    Backends.setCurrent("pure");                  // or -Dnabla.backend=pure, or NABLA_BACKEND=pure
    TwoLayerNet net = TwoLayerNet.builder(784, 50, 10).seed(42).build(); // float32, std 0.01
    Tensor x = Tensors.randomUniform(new SeededRandom(1), 0, 1, DType.FLOAT32, 100, 784);
    Targets t = Targets.labels(labels);           // or Targets.oneHot(aTensor)
    Optimizer sgd = new Sgd(0.1);
    double before = net.loss(x, t);
    net.gradient(x, t);                           // backprop: sets every parameter's gradient
    sgd.step(net.parameters());                   // W <- W - 0.1 * dL/dW
    System.out.printf("loss %.4f -> %.4f%n", before, net.loss(x, t));
    GradientChecker.centralDifferences().checkModel(net, x.sliceRows(0, 2), t.select(new int[] {0, 1}))
        .assertRelativeErrorBelow(1e-7);          // backprop agrees with central differences
    // ---- README example ends ----
    assertTrue(net.loss(x, t) < before, "one SGD step lowers the batch loss");
  }
}
