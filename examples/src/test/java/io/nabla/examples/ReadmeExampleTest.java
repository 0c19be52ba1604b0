package io.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.loss.Targets;
import io.nabla.model.Activation;
import io.nabla.model.ModelFile;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.Sgd;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example of the README, line for line, so that it cannot rot. */
class ReadmeExampleTest {

  @TempDir Path dir;

  @AfterEach
  void clearBackendChoice() {
    Backends.setCurrent(null);
  }

  @Test
  void readmeUsageExampleRunsAndLearns() throws Exception {
    int[] labels = new int[100];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    // ---- README example starts ----
    Backend backend = Backends.get("pure");       // or Backends.current(): NABLA_BACKEND, else the fastest
    TwoLayerNet net = TwoLayerNet.builder(784, 50, 10).seed(42).backend(backend).build(); // float32
    Tensor x = Tensors.randomUniform(backend, new SeededRandom(1), 0, 1, DType.FLOAT32, 100, 784);
    Targets t = Targets.labels(labels);           // or Targets.oneHot(aTensor)
    Optimizer sgd = new Sgd(0.1);
    double before = net.loss(x, t);
    net.gradient(x, t);                           // backprop: sets every parameter's gradient
    sgd.step(net.parameters());                   // W <- W - 0.1 * dL/dW
    System.out.printf("loss %.4f -> %.4f%n", before, net.loss(x, t));
    GradientChecker.centralDifferences().checkModel(net, x.sliceRows(0, 2), t.select(new int[] {0, 1}))
        .assertRelativeErrorBelow(1e-7);          // backprop agrees with central differences
    ModelFile.save(dir.resolve("model.npz"), net); // W1, b1, W2, b2 + what it takes to run it again
    // ---- README example ends ----
    assertTrue(net.loss(x, t) < before, "one SGD step lowers the batch loss");
    assertEquals(net.loss(x, t), ModelFile.load(dir.resolve("model.npz"), backend, Activation.RELU).net().loss(x, t),
        "the saved net, loaded as the sigmoid net it records it is");
  }

  @Test
  void theReadmeShowsExactlyTheCodeThisTestRuns() throws Exception {
    String source = Files.readString(Path.of("src/test/java/io/nabla/examples/ReadmeExampleTest.java"));
    String code = source.substring(source.indexOf("// ---- README example starts ----\n") + 35,
        source.indexOf("    // ---- README example ends ----")).stripTrailing().stripIndent().strip();
    String readme = Files.readString(Path.of("..", "README.md"));
    int usage = readme.indexOf("## Using it");
    String block = readme.substring(readme.indexOf("```java\n", usage) + 8, readme.indexOf("```", readme.indexOf("```java\n", usage) + 8)).strip();
    assertEquals(code, block, "README's 'Using it' example and this test's code have drifted apart");
  }
}
