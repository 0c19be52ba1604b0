package io.nabla.autograd;

import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Reverse-mode differentiation of one graph: visits the recorded operations from the root back to
 * the leaves in reverse topological order, so that each operation runs once with the sum of the
 * gradients of every use of its output, and adds each leaf's gradient to {@link Variable#grad()}.
 *
 * <p>Gradients are not copied on their way through the graph. A gradient held by one variable
 * alone is "owned": its operation may write into it, and a second contribution is added to it in
 * place. One that is also held elsewhere (the caller's seed, or one tensor an operation handed to
 * two inputs) is "borrowed": a second contribution is summed into a new tensor, and a leaf keeps a
 * copy of it, so no two variables ever share a gradient tensor.
 *
 * <p>The gradient on its way to a variable is held by the variable itself, not in a map: a
 * training loop walks this code thousands of times while the JIT compiler shares the cores with
 * it, and less code to compile is time given back.
 */
final class BackwardPass {

  private BackwardPass() {}

  /** Back-propagates {@code seed = dL/droot} from {@code root}; frees the graph unless {@code keepGraph}. */
  static void run(Variable root, Tensor seed, boolean keepGraph) {
    Variable[] order = reverseTopologicalOrder(root, new Object());
    root.receiveGradient(seed, true); // the caller's tensor
    try {
      propagate(order, keepGraph);
    } catch (RuntimeException | Error e) {
      for (Variable v : order) {
        if (v == null) {
          break; // the end of the order
        }
        v.takeGradientInFlight(); // nothing held past a failed pass
      }
      throw e;
    }
  }

  private static void propagate(Variable[] order, boolean keepGraph) {
    for (Variable v : order) {
      if (v == null) {
        break; // the end of the order
      }
      boolean gBorrowed = v.gradientInFlightIsBorrowed();
      Tensor g = v.takeGradientInFlight();
      if (g == null) {
        continue; // no path from the root through this variable carries a gradient
      }
      if (v.isLeaf()) {
        v.accumulateGrad(g, gBorrowed);
        continue;
      }
      Node node = v.node();
      Tensor[] inputGrads = node.backward(g, !gBorrowed);
      Variable[] inputs = node.inputs();
      for (int i = 0; i < inputs.length; i++) {
        Variable input = inputs[i];
        Tensor gi = inputGrads[i];
        if (gi == null || !input.requiresGrad()) {
          continue;
        }
        if (!gi.hasSameShape(input.value())) {
          throw wrongShape(node, i, gi, input);
        }
        // An owned gradOut handed on whole to one input stays owned: nothing else holds it.
        boolean shared = (gBorrowed && gi.sharesStorageWith(g)) || sharesWithAnother(gi, inputGrads, i);
        input.receiveGradient(gi, shared);
      }
      if (!keepGraph) {
        node.free();
      }
    }
  }

  private static IllegalStateException wrongShape(Node node, int i, Tensor gi, Variable input) {
    return new IllegalStateException(node.operation() + ": its backward pass gave input " + i
        + " a gradient of shape " + Shapes.format(gi.shape()) + " but the input is "
        + input.value().describe() + " (a bug in this operation)");
  }

  private static boolean sharesWithAnother(Tensor gi, Tensor[] all, int i) {
    for (int j = 0; j < all.length; j++) {
      if (j != i && all[j] != null && all[j].sharesStorageWith(gi)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every variable that requires a gradient and can be reached from {@code root}, each after every
   * variable computed from it, each with no gradient in flight: a depth-first search without
   * recursion, so a graph as deep as a long loop does not overflow the stack. A variable is marked
   * with {@code pass} when first reached. The array may end in nulls (it is not trimmed, which
   * would take a second array each pass).
   */
  private static Variable[] reverseTopologicalOrder(Variable root, Object pass) {
    Variable[] postOrder = new Variable[INITIAL_CAPACITY];
    int visited = 0;
    Variable[] stack = new Variable[INITIAL_CAPACITY];
    int[] nextChild = new int[INITIAL_CAPACITY];
    int depth = 0;
    stack[0] = root;
    root.reachedBy(pass);
    while (depth >= 0) {
      Variable v = stack[depth];
      Variable[] inputs = v.isLeaf() ? NO_INPUTS : v.node().inputs();
      int child = nextChild[depth];
      if (child < inputs.length) {
        nextChild[depth] = child + 1;
        Variable input = inputs[child];
        if (input.requiresGrad() && input.reachedBy(pass)) {
          if (++depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
            nextChild = Arrays.copyOf(nextChild, depth * 2);
          }
          stack[depth] = input;
          nextChild[depth] = 0;
        }
      } else {
        stack[depth--] = null;
        if (visited == postOrder.length) {
          postOrder = Arrays.copyOf(postOrder, visited * 2);
        }
        postOrder[visited++] = v;
      }
    }
    for (int i = 0, j = visited - 1; i < j; i++, j--) {
      Variable swap = postOrder[i];
      postOrder[i] = postOrder[j];
      postOrder[j] = swap;
    }
    return postOrder;
  }

  private static final Variable[] NO_INPUTS = new Variable[0];

  /** Room for a small net's graph (the chapter's has 7 variables), grown by doubling past it. */
  private static final int INITIAL_CAPACITY = 8;
}
