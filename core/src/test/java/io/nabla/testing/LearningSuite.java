package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.train.Trainer;
import io.nabla.train.TrainingConfig;
import io.nabla.train.TrainingHistory;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.loss.Targets;
import io.nabla.model.Activation;
import io.nabla.model.SimpleNet;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Sgd;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chapter's models on one backend: simpleNet's printed values, TwoLayerNet's gradient check
 * and a short training run that must learn. Each backend module runs it with a one-line subclass,
 * so that every backend is shown to train, not only to pass kernel tests.
 */
public abstract class LearningSuite {

  /** The backend under test. */
  protected abstract Backend backend();

  @ParameterizedTest
  @EnumSource(DType.class)
  void simpleNetReproducesTheChapter(DType dtype) {
    // CHAPTER.md, "Gradient of a network": the printed W, x = [0.6, 0.9], t = [0, 0, 1].
    SimpleNet net = SimpleNet.withChaptersWeight(backend(), dtype);
    Tensor x = Tensors.vector(backend(), dtype, 0.6, 0.9);
    Targets t = Targets.labels(2);
    assertArrayEquals(new double[] {1.05414809, 0.63071653, 1.13280740},
        net.predict(x).toDoubleArray(), 1e-6);
    assertEquals(0.928, net.loss(x, t), 5e-4);
    // NumPy with the chapter's numerical_gradient: the printed dW.
    assertArrayEquals(new double[] {0.21924757, 0.14356243, -0.36281, 0.32887136, 0.21534364, -0.544215},
        net.gradient(x, t).get("W").toDoubleArray(), 1e-6);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void twoLayerNetBackpropMatchesNumericalGradient(DType dtype) {
    TwoLayerNet net = TwoLayerNet.builder(12, 7, 4).weightInitStd(0.5).dtype(dtype).seed(5)
        .backend(backend()).build();
    Tensor x = Tensors.randomUniform(new SeededRandom(6), 0, 1, dtype, 5, 12).on(backend());
    GradientChecker.centralDifferences().checkModel(net, x, Targets.labels(0, 3, 1, 2, 3))
        .assertRelativeErrorBelow(1e-7);
  }

  /**
   * Every activation a user can name, its fused backward kernel on this backend against central
   * differences, in float64; inputs of both signs at least 0.1 from 0, where the rectifiers have
   * their kink.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void everyActivationsBackwardMatchesNumericalGradient(Activation activation) {
    Tensor x = Tensors.randomUniform(backend(), new SeededRandom(30 + activation.ordinal()), 0.1, 2,
        DType.FLOAT64, 4, 6);
    for (int i = 0; i < x.size(); i += 2) {
      x.setFlat(i, -x.getFlat(i));
    }
    GradientChecker.centralDifferences().checkLayer(activation.newLayer(), x)
        .assertRelativeErrorBelow(1e-7);
  }

  /** Three Gaussian blobs in 10 dimensions, one per class, on the backend under test. */
  private LabeledData blobs(DType dtype, int rows, long seed) {
    int features = 10;
    SeededRandom random = new SeededRandom(seed);
    Tensor centers = Tensors.randomNormal(backend(), new SeededRandom(11), 0, 1, DType.FLOAT64, 3, features);
    Tensor x = Tensors.zeros(backend(), dtype, rows, features);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < features; c++) {
        x.set(centers.get(labels[r], c) + 0.7 * random.nextGaussian(), r, c);
      }
    }
    return new LabeledData(x, labels, 3);
  }

  /**
   * The library's training loop (batch gathering on a second thread, SGD, per-epoch evaluation)
   * on the backend under test: the accuracy it reports must reach the level the data allows.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theTrainerLearnsASyntheticProblem(DType dtype) {
    LabeledData train = blobs(dtype, 600, 12);
    LabeledData test = blobs(dtype, 300, 13);
    TwoLayerNet net = TwoLayerNet.builder(10, 16, 3).dtype(dtype).seed(2).backend(backend()).build();
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(300).withBatchSize(50);
    TrainingHistory history = new Trainer(config).train(net, new Sgd(0.5), train, test);
    assertEquals(300, history.losses().length);
    assertTrue(history.lastEpoch().testAccuracy() > 0.9, "test accuracy " + history.lastEpoch().testAccuracy());
    assertTrue(history.losses()[299] < history.losses()[0], "loss " + history.losses()[0] + " -> " + history.losses()[299]);
  }

  /**
   * Three Gaussian blobs in 10 dimensions, one per class: learnable. The chapter's loop (random
   * mini-batches drawn with replacement, backprop, SGD) must drive the loss down and the accuracy
   * up; lr 0.5 instead of 0.1 only to keep the test short.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void twoLayerNetLearnsASyntheticProblem(DType dtype) {
    int rows = 600;
    int features = 10;
    SeededRandom random = new SeededRandom(11);
    Tensor centers = Tensors.randomNormal(backend(), random, 0, 1, DType.FLOAT64, 3, features);
    Tensor x = Tensors.zeros(backend(), dtype, rows, features);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < features; c++) {
        x.set(centers.get(labels[r], c) + 0.7 * random.nextGaussian(), r, c);
      }
    }
    Targets t = Targets.labels(labels);
    TwoLayerNet net =
        TwoLayerNet.builder(features, 16, 3).dtype(dtype).seed(2).backend(backend()).build();
    double initialLoss = net.loss(x, t);
    double initialAccuracy = net.accuracy(x, t);
    Sgd sgd = new Sgd(0.5);
    BatchSampler sampler = BatchSampler.withReplacement(rows, 50, 3);
    for (int step = 0; step < 600; step++) {
      int[] batch = sampler.nextBatch();
      net.gradient(x.gatherRows(batch), t.select(batch));
      sgd.step(net.parameters());
    }
    double finalLoss = net.loss(x, t);
    double finalAccuracy = net.accuracy(x, t);
    assertEquals(Math.log(3), initialLoss, 0.05, "small initial weights: uniform predictions");
    assertTrue(finalLoss < 0.3 * initialLoss, "loss " + initialLoss + " -> " + finalLoss);
    assertTrue(finalAccuracy > 0.9 && finalAccuracy > initialAccuracy + 0.3,
        "accuracy " + initialAccuracy + " -> " + finalAccuracy);
  }
}
