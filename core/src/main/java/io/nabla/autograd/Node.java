package io.nabla.autograd;

import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * One recorded operation of a graph: its name, its inputs, the tensors its backward pass reads
 * and their {@linkplain Tensor#version() versions} when saved, and the backward function. A
 * backward pass frees it (drops the saved tensors) unless the graph is kept.
 */
final class Node {

  private final String operation;
  private final Variable[] inputs;
  private Tensor[] saved;
  private final long[] savedVersions;
  private OverwritingGradientFunction backward;

  /** The saved tensors of an operation whose backward pass reads none. */
  static final Tensor[] NOTHING_SAVED = {};

  private Node(String operation, Variable[] inputs, Tensor[] saved, OverwritingGradientFunction backward) {
    this.operation = operation;
    this.inputs = inputs;
    this.saved = saved;
    this.savedVersions = new long[saved.length];
    for (int i = 0; i < saved.length; i++) {
      savedVersions[i] = saved[i].version();
    }
    this.backward = backward;
  }

  /**
   * The result of an operation: recorded with its backward pass when this thread records and an
   * input requires a gradient, else a constant (no graph, nothing saved).
   *
   * @param operation the name for messages
   * @param value the result, already computed
   * @param saved the tensors {@code backward} reads, checked for in-place writes when it runs
   * @param backward the gradients of {@code inputs} from the result's
   */
  static Variable record(String operation, Tensor value, Tensor[] saved, GradientFunction backward,
      Variable... inputs) {
    return recordOverwriting(operation, value, saved, (g, mayOverwrite) -> backward.apply(g), inputs);
  }

  /**
   * {@link #record}, for a backward pass that may write the inputs' gradient into {@code gradOut}
   * itself when the pass says nothing else holds it (an elementwise activation's, which then
   * allocates nothing).
   */
  static Variable recordOverwriting(String operation, Tensor value, Tensor[] saved,
      OverwritingGradientFunction backward, Variable... inputs) {
    if (!Autograd.isRecording()) {
      return Variable.constant(value);
    }
    for (Variable input : inputs) {
      if (input.requiresGrad()) {
        return Variable.recorded(value, new Node(operation, inputs, saved, backward));
      }
    }
    return Variable.constant(value);
  }

  /** The operation's name, for messages: {@code matmul}. */
  String operation() {
    return operation;
  }

  /** The inputs, in order; the array is the node's own (read, never write). */
  Variable[] inputs() {
    return inputs;
  }

  /**
   * The gradients of the inputs, in order, from {@code gradOut} (null where an input needs none);
   * {@code mayOverwrite} says that nothing else holds {@code gradOut}, so it may be reused.
   *
   * @throws IllegalStateException if the graph was freed or a saved tensor was written since
   */
  Tensor[] backward(Tensor gradOut, boolean mayOverwrite) {
    if (backward == null) {
      throw new IllegalStateException(operation + ": backward through a graph a backward pass "
          + "already freed; call backward(seed, true) on the first pass to keep the graph");
    }
    for (int i = 0; i < saved.length; i++) {
      if (saved[i].version() != savedVersions[i]) {
        throw new IllegalStateException(operation + ": the " + saved[i].describe()
            + " tensor it saved for the backward pass was modified in place afterwards (version "
            + saved[i].version() + ", saved at version " + savedVersions[i]
            + "); the gradient would be wrong. Write into a copy, or under Autograd.noGrad() "
            + "before the forward pass");
      }
    }
    return backward.apply(gradOut, mayOverwrite);
  }

  /** Drops what the backward pass needed, so the tensors can be collected. */
  void free() {
    saved = NOTHING_SAVED;
    backward = null;
  }

  @Override
  public String toString() {
    return operation + " of " + Arrays.stream(inputs).map(v -> Shapes.format(v.value().shape())).toList();
  }

  /**
   * A backward pass: the inputs' gradients, in order, from the output's (null for an input that
   * needs none). It may return {@code gradOut} itself or a view of it; it never returns a tensor
   * of the forward pass.
   */
  @FunctionalInterface
  interface GradientFunction {
    Tensor[] apply(Tensor gradOut);
  }

  /** A {@link GradientFunction} told whether it may write its result into {@code gradOut}. */
  @FunctionalInterface
  interface OverwritingGradientFunction {
    Tensor[] apply(Tensor gradOut, boolean mayOverwrite);
  }
}
