package io.nabla.tensor;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.UnaryOp;
import java.util.function.Supplier;

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
   * io.nabla.backend.Backend#adamStep} gives. {@code scratch} gives a tensor for the
   * intermediates, asked for only where the backend does not fuse them; its contents are not
   * state. All the tensors have one shape, dtype and backend, and no two share storage.
   */
  public static void adamStep(Tensor grad, Tensor first, Tensor second, Tensor weights,
      Supplier<Tensor> scratch, double firstRate, double secondRate, double epsilon, double stepSize) {
    Checks.notNull("adam", "gradient", grad);
    Checks.notNull("adam", "scratch", scratch);
    String[] names = {"first moment", "second moment", "weights"};
    Tensor[] updated = {first, second, weights};
    for (int i = 0; i < updated.length; i++) {
      Checks.notNull("adam", names[i], updated[i]);
      Checks.sameDtypeAndBackend("adam", grad, updated[i]);
      Checks.sameShape("adam", grad, updated[i]);
      Checks.notAliased("adam", updated[i], grad, "the gradient");
      for (int j = 0; j < i; j++) {
        Checks.notAliased("adam", updated[i], updated[j], "the " + names[j]);
      }
    }
    Checks.written(first);
    Checks.written(second);
    Checks.written(weights);
    if (grad.backend().adamStep(grad.size(), firstRate, secondRate, epsilon, stepSize,
        grad.storage(), first.storage(), second.storage(), weights.storage())) {
      return;
    }
    Tensor t = scratch.get(); // each intermediate in turn
    Checks.notNull("adam", "scratch", t);
    Checks.sameDtypeAndBackend("adam", grad, t);
    Checks.sameShape("adam", grad, t);
    for (int i = 0; i < updated.length; i++) {
      Checks.notAliased("adam", t, updated[i], "the " + names[i]);
    }
    Checks.notAliased("adam", t, grad, "the gradient");
    ElementwiseOps.zipInto(BinaryOp.SUBTRACT, grad, first, t);
    first.addScaledi(firstRate, t);
    ElementwiseOps.map(UnaryOp.SQUARE, grad, t);
    second.addScaledi(secondRate, t.subi(second));
    ElementwiseOps.map(UnaryOp.SQRT, second, t);
    ElementwiseOps.zipInto(BinaryOp.DIVIDE, first, t.addi(epsilon), t);
    weights.subi(t.muli(stepSize));
  }
}
