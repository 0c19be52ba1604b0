package io.nabla.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.DType;
import io.nabla.loss.Targets;
import io.nabla.model.TwoLayerNet;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.tensor.Workspace;
import io.nabla.testing.DirectBufferBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of automatic differentiation that hold on any backend, and its errors. */
class AutogradTest {

  private static Variable leaf(double... values) {
    return Variable.requiringGrad(Tensors.vector(DType.FLOAT64, values));
  }

  @Test
  void gradientsAccumulateOverBackwardPassesUntilZeroed() {
    Variable x = leaf(1, 2, 3);
    x.mul(x).sum().backward(); // d/dx sum(x^2) = 2x
    x.mul(x).sum().backward();
    assertArrayEquals(new double[] {4, 8, 12}, x.grad().toDoubleArray());
    x.zeroGrad();
    assertFalse(x.hasGrad());
    x.mul(3).sum().backward();
    assertArrayEquals(new double[] {3, 3, 3}, x.grad().toDoubleArray());
  }

  @Test
  void aVariableUsedTwiceGetsBothGradientsAndLeavesNeverShareOne() {
    Variable a = leaf(1, 2);
    Variable b = leaf(5, 7);
    a.add(b).add(a).sum().backward(); // add passes its gradient on unchanged to both operands
    assertArrayEquals(new double[] {2, 2}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {1, 1}, b.grad().toDoubleArray());
    assertFalse(a.grad().sharesStorageWith(b.grad()));
    b.grad().fill(0);
    assertArrayEquals(new double[] {2, 2}, a.grad().toDoubleArray());
  }

  @Test
  void aBroadcastOperandsGradientIsSummedBackToItsShape() {
    Variable m = Variable.requiringGrad(Tensors.zeros(DType.FLOAT64, 3, 2));
    Variable row = leaf(1, 2);
    m.add(row).mul(m.add(1)).sum().backward();
    assertArrayEquals(new int[] {2}, row.grad().shape());
    assertArrayEquals(new double[] {3, 3}, row.grad().toDoubleArray()); // d/drow sum((m+row)(m+1)) = sum over rows of (m+1)
  }

  @Test
  void nothingIsRecordedUnderNoGradAndItsResultCannotBeDifferentiated() {
    Variable x = leaf(1, 2);
    Variable y;
    try (Autograd.Scope scope = Autograd.noGrad()) {
      assertFalse(Autograd.isRecording());
      y = x.exp().sum();
    }
    assertTrue(Autograd.isRecording());
    assertFalse(y.requiresGrad());
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("does not depend on any variable that requires a gradient"), e.getMessage());
  }

  @Test
  void backwardOfANonScalarWithoutASeedSaysWhatToDo() {
    Variable x = Variable.requiringGrad(Tensors.ones(DType.FLOAT32, 2, 3));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(x).backward());
    assertEquals("backward: mul gave float32[2, 3], not a scalar; reduce it to one (sum, mean, a loss) or"
        + " pass backward(seed) the gradient of the loss with respect to it, a tensor of that shape", e.getMessage());
  }

  @Test
  void aSecondBackwardThroughAFreedGraphIsRefusedAndAKeptGraphAllowsIt() {
    Variable x = leaf(1, 2);
    Variable loss = x.mul(x).sum();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().startsWith("sum: backward through a graph a backward pass already freed"),
        e.getMessage());
    Variable kept = x.mul(x).sum();
    x.zeroGrad();
    Tensor seed = Tensors.scalar(1, DType.FLOAT64);
    kept.backward(seed, true);
    kept.backward(seed, true);
    assertArrayEquals(new double[] {4, 8}, x.grad().toDoubleArray());
  }

  @Test
  void anInPlaceWriteToATensorTheGraphSavedIsCaughtAtBackward() {
    Variable w = Variable.requiringGrad(Tensors.ones(DType.FLOAT32, 3, 2));
    Variable x = Variable.constant(Tensors.ones(DType.FLOAT32, 4, 3));
    Variable loss = x.matmul(w).sum();
    w.value().addScaledi(-0.1, Tensors.ones(DType.FLOAT32, 3, 2)); // an optimizer step before backward
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().startsWith("matmul: the float32[3, 2] tensor it saved for the backward pass was "
        + "modified in place afterwards"), e.getMessage());
  }

  @Test
  void aPassThatFailsPartWayLeavesNoGradientBehindForTheNextPass() {
    Variable a = leaf(1, 2);
    Variable c = leaf(3, 4);
    Variable h = a.mul(2);
    // sum(h) sends h a gradient; then the product's node finds c written and the pass stops,
    // before h's own node has run: h holds a gradient in flight when the pass fails.
    Variable failing = h.mul(c).sum().add(h.sum());
    c.value().addi(Tensors.ones(DType.FLOAT64, 2));
    assertThrows(IllegalStateException.class, failing::backward);
    assertFalse(a.hasGrad());
    h.sum().backward(); // d/da sum(2a) = 2, and nothing of the failed pass
    assertArrayEquals(new double[] {2, 2}, a.grad().toDoubleArray());
  }

  @Test
  void aBackwardPassInsideAnotherThatWouldLoseAGradientIsRefused() {
    Variable w = leaf(1, 2);
    // A loss whose gradient runs a backward pass of its own through w.
    io.nabla.loss.Loss nested = new io.nabla.loss.Loss() {
      @Override
      public double value(Tensor y, Targets t) {
        return y.sum();
      }

      @Override
      public Tensor gradient(Tensor y, Targets t) {
        w.mul(w).sum().backward();
        return Tensors.ones(DType.FLOAT64, 1, 2);
      }
    };
    // sum(w) runs first and sends w a gradient; then the loss's node starts the inner pass.
    Variable loss = w.mul(2).reshape(1, 2).loss(nested, Targets.labels(0)).add(w.sum());
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("is part of a backward pass still running"), e.getMessage());
    // Nothing of either pass is held: a new pass through w runs and gives its own gradient only.
    w.zeroGrad();
    w.sum().backward();
    assertArrayEquals(new double[] {1, 1}, w.grad().toDoubleArray());
  }

  @Test
  void flattenKeepsAnEmptyBatchsRowLength() {
    assertArrayEquals(new int[] {0, 12}, Variable.constant(Tensors.zeros(DType.FLOAT64, 0, 3, 4)).flatten().shape());
  }

  @Test
  void aWriteThroughAViewCountsAsAWriteToTheTensor() {
    Tensor t = Tensors.zeros(DType.FLOAT64, 2, 3);
    Tensor view = t.reshape(6);
    long before = t.version();
    view.setFlat(0, 1);
    assertEquals(before + 1, t.version());
  }

  @Test
  void operandsOfTwoDtypesOrTwoBackendsAreRefusedByName() {
    Variable f32 = Variable.requiringGrad(Tensors.ones(DType.FLOAT32, 2));
    Variable f64 = Variable.requiringGrad(Tensors.ones(DType.FLOAT64, 2));
    IllegalArgumentException dtypes = assertThrows(IllegalArgumentException.class, () -> f32.add(f64));
    assertEquals("add: dtypes differ: float32[2] and float64[2] (convert one with asType)", dtypes.getMessage());
    Variable offHeap = Variable.requiringGrad(Tensors.ones(DType.FLOAT32, 2).on(new DirectBufferBackend()));
    IllegalArgumentException backends = assertThrows(IllegalArgumentException.class, () -> f32.mul(offHeap));
    assertTrue(backends.getMessage().startsWith("multiply: tensors of two backends"), backends.getMessage());
  }

  @Test
  void aLeafsGradientOutlivesTheWorkspaceItWasComputedIn() {
    Workspace workspace = new Workspace();
    Variable x = leaf(1, 2, 3);
    Variable w = Variable.requiringGrad(Tensors.ones(DType.FLOAT64, 3, 2));
    for (int step = 0; step < 3; step++) {
      try (Workspace.Scope scope = workspace.enter()) {
        x.reshape(1, 3).matmul(w).mul(x.reshape(1, 3).matmul(w)).sum().backward();
      }
      try (Workspace.Scope scope = workspace.enter()) {
        for (int i = 0; i < 10; i++) {
          Tensors.zeros(DType.FLOAT64, 3).fill(99); // would overwrite a gradient left in the workspace
          Tensors.zeros(DType.FLOAT64, 3, 2).fill(99);
        }
      }
      // d/dx sum((x.w)^2) = 2 (x.w) w^T: x.w = [6, 6], so each of x's elements gets 2 * 12 = 24.
      assertArrayEquals(new double[] {24, 24, 24}, x.grad().toDoubleArray());
      assertArrayEquals(new double[] {12, 12, 24, 24, 36, 36}, w.grad().toDoubleArray());
      x.zeroGrad();
      w.zeroGrad();
    }
  }

  @Test
  void aGradientComputedInAWorkspaceIsCopiedOutBeforeALeafKeepsIt() {
    Workspace workspace = new Workspace();
    Variable x = leaf(1, 2, 3);
    try (Workspace.Scope scope = workspace.enter()) {
      x.mul(x).sum().backward(); // mul's backward makes the leaf's gradient in workspace memory
      assertFalse(Workspace.isScoped(x.grad()), "the leaf's gradient is not workspace memory");
    }
    try (Workspace.Scope scope = workspace.enter()) {
      for (int i = 0; i < 10; i++) {
        Tensors.zeros(DType.FLOAT64, 3).fill(99);
      }
    }
    assertArrayEquals(new double[] {2, 4, 6}, x.grad().toDoubleArray());
  }

  @Test
  void aSavedTensorWhoseWorkspaceMemoryWasLentAgainIsCaughtAtBackward() {
    Workspace workspace = new Workspace();
    Variable w = Variable.requiringGrad(Tensors.ones(DType.FLOAT64, 3, 2));
    Variable loss;
    try (Workspace.Scope scope = workspace.enter()) {
      loss = Variable.constant(Tensors.ones(DType.FLOAT64, 4, 3)).matmul(w).relu().sum();
    }
    try (Workspace.Scope scope = workspace.enter()) {
      for (int i = 0; i < 4; i++) {
        Tensors.zeros(DType.FLOAT64, 4, 2).fill(-1); // the relu's saved output's memory, lent again
      }
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("modified in place afterwards"), e.getMessage());
  }

  @Test
  void aModelsGradientIsRecordedEvenInsideNoGradAndAnUnusedParameterGetsZero() {
    io.nabla.layer.Affine used = new io.nabla.layer.Affine("W1", Tensors.ones(DType.FLOAT64, 2, 3), "b1",
        Tensors.zeros(DType.FLOAT64, 3));
    io.nabla.layer.Affine unused = new io.nabla.layer.Affine("W2", Tensors.ones(DType.FLOAT64, 2, 3), "b2",
        Tensors.zeros(DType.FLOAT64, 3));
    io.nabla.layer.Layer ignoring = new io.nabla.layer.Layer() {
      @Override
      public Variable forward(Variable x) {
        return used.forward(x);
      }

      @Override
      public java.util.List<io.nabla.layer.Parameter> parameters() {
        return java.util.List.of(used.parameters().get(0), used.parameters().get(1),
            unused.parameters().get(0), unused.parameters().get(1));
      }
    };
    io.nabla.model.SoftmaxClassifier model =
        new io.nabla.model.SoftmaxClassifier(new io.nabla.layer.Sequential(ignoring));
    Map<String, Tensor> grads;
    try (Autograd.Scope scope = Autograd.noGrad()) {
      grads = model.gradient(Tensors.ones(DType.FLOAT64, 1, 2), Targets.labels(1));
    }
    assertArrayEquals(new double[6], grads.get("W2").toDoubleArray());
    assertTrue(grads.get("W1").abs().sum() > 0);
    assertEquals(grads.get("W1"), model.parameters().get(0).grad());
  }

  @Test
  void anInfiniteMaximumGetsItsGradient() {
    Variable x = leaf(1, Double.POSITIVE_INFINITY, 3);
    x.max(false, 0).backward();
    assertArrayEquals(new double[] {0, 1, 0}, x.grad().toDoubleArray());
  }

  @Test
  void theZerothPowerHasAZeroGradientEvenAtZero() {
    Variable x = leaf(0, 2);
    x.pow(0).sum().backward();
    assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray());
  }

  @Test
  void aGraphDeeperThanTheStackIsWalkedWithoutRecursion() {
    Variable x = leaf(1);
    Variable y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.add(0.0);
    }
    y.sum().backward();
    assertArrayEquals(new double[] {1}, x.grad().toDoubleArray());
  }

  /**
   * The chapter's TwoLayerNet written by hand as matmul, add, sigmoid and the loss gets the
   * model's gradients (its layers' fused affine) to the bit: the same kernels in the same order.
   * (That the model's gradients equal the former hand-written backward passes' is shown by the
   * byte-identical training outputs, benchmarks/results/issue22/outputs.sh.)
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theChaptersNetWrittenAsOperationsMatchesTheModelsGradientBitForBit(DType dtype) {
    TwoLayerNet net = TwoLayerNet.builder(20, 8, 4).weightInitStd(0.5).dtype(dtype).seed(3).build();
    Tensor images = Tensors.randomUniform(new SeededRandom(4), 0, 1, dtype, 6, 20);
    Targets targets = Targets.labels(0, 3, 1, 2, 3, 0);
    Map<String, Tensor> handWritten = net.gradient(images, targets);
    Map<String, Variable> p = new java.util.LinkedHashMap<>();
    net.parameters().forEach(param -> p.put(param.name(), Variable.requiringGrad(param.value())));
    Variable x = Variable.constant(images);
    Variable hidden = x.matmul(p.get("W1")).add(p.get("b1")).sigmoid();
    hidden.matmul(p.get("W2")).add(p.get("b2")).softmaxCrossEntropy(targets).backward();
    for (String name : handWritten.keySet()) {
      assertArrayEquals(handWritten.get(name).toDoubleArray(), p.get(name).grad().toDoubleArray(), 0.0, name);
      assertNotSame(handWritten.get(name), p.get(name).grad());
    }
  }
}
