package io.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.autograd.Variable;
import io.nabla.data.MnistData;
import io.nabla.data.MnistLoader;
import io.nabla.layer.Affine;
import io.nabla.layer.Layer;
import io.nabla.layer.Parameter;
import io.nabla.layer.Relu;
import io.nabla.layer.Sequential;
import io.nabla.model.SoftmaxClassifier;
import io.nabla.testing.TestData;
import io.nabla.train.Trainer;
import io.nabla.train.TrainingConfig;
import io.nabla.train.TrainingHistory;
import java.util.List;
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

/**
 * The usage example of the README and the custom layer of docs/library.md, line for line, so that
 * they cannot rot.
 */
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

  /** A layer of the user's own, trained on real MNIST as docs/library.md shows it; a test it must pass. */
  @Test
  void readmeCustomLayerTrainsOnMnist() throws Exception {
    Backend backend = Backends.get("pure");
    Path mnistDir = TestData.mnistDir();
    // ---- README custom layer starts ----
    // A gated unit of your own, x * sigmoid(x . W + b): a forward pass and its parameters.
    class Gate implements Layer {
      private final Affine gate;

      Gate(Affine gate) {
        this.gate = gate;
      }

      @Override public Variable forward(Variable x) {
        return x.mul(gate.forward(x).sigmoid());    // autograd derives the backward pass
      }

      @Override public List<Parameter> parameters() {
        return gate.parameters();
      }
    }
    SeededRandom random = new SeededRandom(42);
    Affine first = new Affine("W1", Tensors.randomNormal(backend, random, 0, 0.05, DType.FLOAT32, 784, 64),
        "b1", Tensors.zeros(backend, DType.FLOAT32, 64));
    Affine inner = new Affine("W2", Tensors.randomNormal(backend, random, 0, 0.05, DType.FLOAT32, 64, 64),
        "b2", Tensors.zeros(backend, DType.FLOAT32, 64));
    Affine last = new Affine("W3", Tensors.randomNormal(backend, random, 0, 0.05, DType.FLOAT32, 64, 10),
        "b3", Tensors.zeros(backend, DType.FLOAT32, 10));
    SoftmaxClassifier model = new SoftmaxClassifier(new Sequential(first, new Relu(), new Gate(inner), last));
    MnistData mnist = MnistLoader.load(mnistDir, true, true, DType.FLOAT32, backend); // normalized, flat
    TrainingHistory history = new Trainer(TrainingConfig.chapterDefaults().withIterations(1801))
        .train(model, new Sgd(0.1), mnist.train(), mnist.test());
    System.out.printf("test accuracy %.4f%n", history.lastEpoch().testAccuracy());
    // ---- README custom layer ends ----
    assertTrue(history.lastEpoch().testAccuracy() > 0.93,
        "three epochs of the gated net reach over 93% on MNIST's test set: " + history.lastEpoch());
    // The block's gradient by autograd against central differences, on a float64 block.
    Affine inner64 = new Affine("W", Tensors.randomNormal(backend, random, 0, 0.5, DType.FLOAT64, 6, 6),
        "b", Tensors.randomNormal(backend, random, 0, 0.5, DType.FLOAT64, 6));
    GradientChecker.centralDifferences().checkLayer(new Gate(inner64),
        Tensors.randomNormal(backend, random, 0, 1, DType.FLOAT64, 4, 6)).assertRelativeErrorBelow(1e-6);
  }

  @Test
  void theReadmeShowsExactlyTheCustomLayerThisTestRuns() throws Exception {
    assertEquals(marked("README custom layer"), pageBlock(Path.of("..", "docs", "library.md"), "## Your own layer"),
        "docs/library.md's 'Your own layer' example and this test's code have drifted apart");
  }

  private static String marked(String name) throws Exception {
    String source = Files.readString(Path.of("src/test/java/io/nabla/examples/ReadmeExampleTest.java"));
    String start = "// ---- " + name + " starts ----\n";
    return source.substring(source.indexOf(start) + start.length(),
        source.indexOf("    // ---- " + name + " ends ----")).stripTrailing().stripIndent().strip();
  }

  private static String pageBlock(Path page, String section) throws Exception {
    String text = Files.readString(page);
    int at = text.indexOf(section);
    assertTrue(at >= 0, page + " has a section '" + section + "'");
    int open = text.indexOf("```java\n", at) + 8;
    return text.substring(open, text.indexOf("```", open)).strip();
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
