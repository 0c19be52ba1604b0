package io.nabla.tensor;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.UnaryOp;

/**
 * Optimizers' updates of a parameter, checked here and run by the tensors' backend: in one
 * fused kernel where the backend has one, else as elementwise kernels one after another, which
 * the fused kernel follows operation by operation.
 */
public final class OptimizerOps {

  private OptimizerOps() {}

  /**
   * One Adam step of a parameter, in place: {@code first += firstRate (grad - first)}, {@code
   * second += secondRate (grad^2 - second)}, {@code weights -= stepSize * first / (sqrt(second) +
   * epsilon)}, each operation rounded to the dtype in the order {@link
   * io.nabla.backend.Backend#adamStep} gives. {@code scratch} holds the intermediates where the
   * backend does not fuse them; its contents are not state. All five tensors have one shape,
   * dtype and backend.
   */
  public static void adamStep(Tensor grad, Tensor first, Tensor second, Tensor weights,
      Tensor scratch, double firstRate, double secondRate, double epsilon, double stepSize) {
    Checks.notNull("adam", "gradient", grad);
    String[] names = {"first moment", "second moment", "weights", "scratch"};
    Tensor[] tensors = {first, second, weights, scratch};
    for (int i = 0; i < tensors.length; i++) {
      Checks.notNull("adam", names[i], tensors[i]);
      Checks.sameDtypeAndBackend("adam", grad, tensors[i]);
      Checks.sameShape("adam", grad, tensors[i]);
    }
    Checks.written(first);
    Checks.written(second);
    Checks.written(weights);
    if (grad.backend().adamStep(grad.size(), firstRate, secondRate, epsilon, stepSize,
        grad.storage(), first.storage(), second.storage(), weights.storage())) {
      return;
    }
    Tensor t = scratch; // each intermediate in turn
    ElementwiseOps.zipInto(BinaryOp.SUBTRACT, grad, first, t);
    first.addScaledi(firstRate, t);
    ElementwiseOps.map(UnaryOp.SQUARE, grad, t);
    second.addScaledi(secondRate, t.subi(second));
    ElementwiseOps.map(UnaryOp.SQRT, second, t);
    ElementwiseOps.zipInto(BinaryOp.DIVIDE, first, t.addi(epsilon), t);
    weights.subi(t.muli(stepSize));
  }
}
