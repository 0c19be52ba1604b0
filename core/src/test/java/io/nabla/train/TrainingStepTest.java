package io.nabla.train;

import static io.nabla.train.TrainingData.blobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.DType;
import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.AdaGrad;
import io.nabla.optimizer.Adam;
import io.nabla.optimizer.Momentum;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.Sgd;
import io.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each form of {@link TrainingStep} against the same work written out by hand on an identical
 * twin (same seed, same batches, a fresh optimizer of the same kind): parameters and losses must
 * agree bit for bit, over several steps so that an optimizer's state counts too.
 */
class TrainingStepTest {

  private static final int STEPS = 6;
  private static final int BATCH = 10;
  private static final LabeledData DATA = blobs(90, 1);

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("sgd", (Supplier<Optimizer>) () -> new Sgd(0.5)),
        Arguments.of("momentum", (Supplier<Optimizer>) () -> new Momentum(0.1, 0.9)),
        Arguments.of("adagrad", (Supplier<Optimizer>) () -> new AdaGrad(0.1)),
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.01, 0.9, 0.999)));
  }

  private static TwoLayerNet net(DType dtype) {
    return TwoLayerNet.builder(8, 10, 3).dtype(dtype).seed(3).weightInitStd(0.1).build();
  }

  /** The batches the steps train on: rows drawn with replacement, the same for both twins. */
  private static List<int[]> batches() {
    BatchSampler sampler = BatchSampler.withReplacement(DATA.size(), BATCH, 7);
    List<int[]> rows = new ArrayList<>();
    for (int k = 0; k < STEPS; k++) {
      rows.add(sampler.nextBatch());
    }
    return rows;
  }

  private static Tensor images(int[] rows, DType dtype) {
    return DATA.images().gatherRows(rows).asType(dtype);
  }

  private static Targets targets(int[] rows) {
    return DATA.targets(false).select(rows);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void takeIsTheGradientThenTheOptimizersStep(String name, Supplier<Optimizer> optimizer) {
    for (DType dtype : DType.values()) {
      TwoLayerNet stepped = net(dtype);
      TwoLayerNet byHand = net(dtype);
      TrainingStep step = new TrainingStep(stepped, optimizer.get());
      Optimizer handOptimizer = optimizer.get();
      List<Tensor> start = copies(stepped);
      for (int[] rows : batches()) {
        Tensor x = images(rows, dtype);
        Targets t = targets(rows);
        step.take(x, t);
        byHand.gradient(x, t);
        handOptimizer.step(byHand.parameters());
        assertSameParameters(byHand, stepped, name + " " + dtype);
      }
      assertFalse(sameValues(start, copies(stepped)), "the steps changed nothing: " + name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void lossBeforeIsTheModelsLossBeforeTheUpdate(String name, Supplier<Optimizer> optimizer) {
    TwoLayerNet stepped = net(DType.FLOAT32);
    TwoLayerNet byHand = net(DType.FLOAT32);
    TrainingStep step = new TrainingStep(stepped, optimizer.get());
    Optimizer handOptimizer = optimizer.get();
    for (int[] rows : batches()) {
      Tensor x = images(rows, DType.FLOAT32);
      Targets t = targets(rows);
      double expected = byHand.loss(x, t);
      byHand.gradient(x, t);
      handOptimizer.step(byHand.parameters());
      assertEquals(expected, step.takeReportingLossBefore(x, t), 0.0, name);
      assertSameParameters(byHand, stepped, name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void lossAfterIsTheModelsLossAfterTheUpdate(String name, Supplier<Optimizer> optimizer) {
    TwoLayerNet stepped = net(DType.FLOAT64);
    TwoLayerNet byHand = net(DType.FLOAT64);
    TrainingStep step = new TrainingStep(stepped, optimizer.get());
    Optimizer handOptimizer = optimizer.get();
    for (int[] rows : batches()) {
      Tensor x = images(rows, DType.FLOAT64);
      Targets t = targets(rows);
      double before = byHand.loss(x, t);
      byHand.gradient(x, t);
      handOptimizer.step(byHand.parameters());
      double after = byHand.loss(x, t);
      assertEquals(after, step.takeReportingLossAfter(x, t), 0.0, name);
      assertTrue(after != before, "the update did not move the loss: " + name);
      assertSameParameters(byHand, stepped, name);
    }
  }

  /** The overlapped loop's two halves: the gradient leaves the parameters alone until the update. */
  @Test
  void computeGradientChangesNoParameterAndUpdateTakesTheStep() {
    TwoLayerNet stepped = net(DType.FLOAT32);
    TwoLayerNet byHand = net(DType.FLOAT32);
    TrainingStep step = new TrainingStep(stepped, new Momentum(0.1, 0.9));
    Optimizer handOptimizer = new Momentum(0.1, 0.9);
    for (int[] rows : batches()) {
      Tensor x = images(rows, DType.FLOAT32);
      Targets t = targets(rows);
      List<Tensor> before = copies(stepped);
      step.computeGradient(x, t);
      assertTrue(sameValues(before, copies(stepped)), "computeGradient changed a parameter");
      Map<String, Tensor> expected = byHand.gradient(x, t);
      for (Parameter p : stepped.parameters()) {
        assertSameElements(expected.get(p.name()), p.grad(), "gradient of " + p.name());
      }
      step.update();
      handOptimizer.step(byHand.parameters());
      assertSameParameters(byHand, stepped, "momentum");
    }
  }

  /** Spark's driver sets an averaged gradient on each parameter and takes only the update. */
  @Test
  void updateStepsWithAGradientSetOnTheParameters() {
    TwoLayerNet stepped = net(DType.FLOAT64);
    TwoLayerNet byHand = net(DType.FLOAT64);
    TrainingStep step = new TrainingStep(stepped, new Adam(0.01, 0.9, 0.999));
    Optimizer handOptimizer = new Adam(0.01, 0.9, 0.999);
    // Gradients from another net on another batch stand in for the workers' average.
    TwoLayerNet elsewhere = net(DType.FLOAT64);
    int[] rows = batches().get(0);
    Map<String, Tensor> gradients = elsewhere.gradient(images(rows, DType.FLOAT64), targets(rows));
    for (int k = 0; k < 2; k++) {
      for (Parameter p : stepped.parameters()) {
        p.setGrad(gradients.get(p.name()));
      }
      for (Parameter p : byHand.parameters()) {
        p.setGrad(gradients.get(p.name()));
      }
      step.update();
      handOptimizer.step(byHand.parameters());
      assertSameParameters(byHand, stepped, "adam");
    }
  }

  @Test
  void updateBeforeAnyGradientNamesTheParameter() {
    TrainingStep step = new TrainingStep(net(DType.FLOAT32), new Sgd(0.1));
    IllegalStateException e = assertThrows(IllegalStateException.class, step::update);
    assertTrue(e.getMessage().contains("'W1'"), e.getMessage());
  }

  /**
   * A model with no {@code lossAndGradient} of its own gets {@link Model}'s default (its loss,
   * then its gradient), which must give what the classifier's one forward pass gives.
   */
  @Test
  void theDefaultLossAndGradientAgreesWithTheClassifiersOwn() {
    TwoLayerNet fused = net(DType.FLOAT32);
    Model plain = withoutOwnLossAndGradient(net(DType.FLOAT32));
    TrainingStep fusedStep = new TrainingStep(fused, new Sgd(0.5));
    TrainingStep plainStep = new TrainingStep(plain, new Sgd(0.5));
    for (int[] rows : batches()) {
      Tensor x = images(rows, DType.FLOAT32);
      Targets t = targets(rows);
      double expected = plain.loss(x, t);
      assertEquals(expected, plainStep.takeReportingLossBefore(x, t), 0.0);
      assertEquals(expected, fusedStep.takeReportingLossBefore(x, t), 0.0);
      assertSameParameters(plain, fused, "default and fused");
    }
  }

  @Test
  void keepsWhatItWasGiven() {
    TwoLayerNet model = net(DType.FLOAT32);
    Sgd sgd = new Sgd(0.1);
    TrainingStep step = new TrainingStep(model, sgd);
    assertSame(model, step.model());
    assertSame(sgd, step.optimizer());
    assertThrows(NullPointerException.class, () -> new TrainingStep(null, sgd));
    assertThrows(NullPointerException.class, () -> new TrainingStep(model, null));
  }

  /** Delegates everything but {@code lossAndGradient}, so that {@link Model}'s default runs. */
  private static Model withoutOwnLossAndGradient(TwoLayerNet net) {
    return new Model() {
      @Override
      public Tensor predict(Tensor x) {
        return net.predict(x);
      }

      @Override
      public double loss(Tensor x, Targets t) {
        return net.loss(x, t);
      }

      @Override
      public double accuracy(Tensor x, Targets t) {
        return net.accuracy(x, t);
      }

      @Override
      public Map<String, Tensor> gradient(Tensor x, Targets t) {
        return net.gradient(x, t);
      }

      @Override
      public List<Parameter> parameters() {
        return net.parameters();
      }

      @Override
      public Model asType(DType dtype) {
        return net.asType(dtype);
      }

      @Override
      public Optional<Model> sharingParameters() {
        return Optional.empty();
      }
    };
  }

  private static List<Tensor> copies(Model model) {
    return model.parameters().stream().map(p -> p.value().copy()).toList();
  }

  private static boolean sameValues(List<Tensor> a, List<Tensor> b) {
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < a.get(i).size(); j++) {
        if (Double.doubleToRawLongBits(a.get(i).getFlat(j)) != Double.doubleToRawLongBits(b.get(i).getFlat(j))) {
          return false;
        }
      }
    }
    return true;
  }

  private static void assertSameParameters(Model expected, Model actual, String what) {
    List<Parameter> e = expected.parameters();
    List<Parameter> a = actual.parameters();
    assertEquals(e.size(), a.size(), what);
    for (int i = 0; i < e.size(); i++) {
      assertEquals(e.get(i).name(), a.get(i).name(), what);
      assertSameElements(e.get(i).value(), a.get(i).value(), what + ": parameter " + e.get(i).name());
    }
  }

  /** Element by element, bit for bit (a float32 element widens to double exactly). */
  private static void assertSameElements(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.dtype(), actual.dtype(), what);
    assertTrue(expected.hasSameShape(actual), what);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getFlat(i);
      double a = actual.getFlat(i);
      if (Double.doubleToRawLongBits(e) != Double.doubleToRawLongBits(a)) {
        throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e);
      }
    }
  }
}
