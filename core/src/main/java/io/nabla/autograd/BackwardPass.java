package io.nabla.autograd;

import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
 */
final class BackwardPass {

  private BackwardPass() {}

  /** Back-propagates {@code seed = dL/droot} from {@code root}; frees the graph unless {@code keepGraph}. */
  static void run(Variable root, Tensor seed, boolean keepGraph) {
    List<Variable> order = reverseTopologicalOrder(root);
    Map<Variable, Tensor> grads = new IdentityHashMap<>();
    Map<Variable, Boolean> borrowed = new IdentityHashMap<>();
    grads.put(root, seed);
    borrowed.put(root, Boolean.TRUE); // the caller's tensor
    for (Variable v : order) {
      Tensor g = grads.remove(v);
      boolean gBorrowed = borrowed.remove(v) == Boolean.TRUE;
      if (g == null) {
        continue; // no path from the root through this variable carries a gradient
      }
      if (v.isLeaf()) {
        v.accumulateGrad(g, gBorrowed);
        continue;
      }
      Node node = v.node();
      Tensor[] inputGrads = node.backward(g, !gBorrowed);
      List<Variable> inputs = node.inputs();
      for (int i = 0; i < inputs.size(); i++) {
        Variable input = inputs.get(i);
        Tensor gi = inputGrads[i];
        if (gi == null || !input.requiresGrad()) {
          continue;
        }
        if (!gi.hasSameShape(input.value())) {
          throw new IllegalStateException(node.operation() + ": its backward pass gave input " + i
              + " a gradient of shape " + Shapes.format(gi.shape()) + " but the input is "
              + input.value().describe() + " (a bug in this operation)");
        }
        // An owned gradOut handed on whole to one input stays owned: nothing else holds it.
        boolean shared = (gBorrowed && gi.sharesStorageWith(g)) || sharesWithAnother(gi, inputGrads, i);
        Tensor before = grads.get(input);
        if (before == null) {
          grads.put(input, gi);
          borrowed.put(input, shared);
        } else if (borrowed.get(input) == Boolean.TRUE) {
          grads.put(input, before.add(gi));
          borrowed.put(input, Boolean.FALSE);
        } else {
          before.addi(gi);
        }
      }
      if (!keepGraph) {
        node.free();
      }
    }
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
   * variable computed from it: a depth-first search without recursion, so a graph as deep as a
   * long loop does not overflow the stack.
   */
  private static List<Variable> reverseTopologicalOrder(Variable root) {
    List<Variable> postOrder = new ArrayList<>();
    Map<Variable, Boolean> seen = new IdentityHashMap<>();
    Deque<Variable> stack = new ArrayDeque<>();
    Deque<Integer> nextChild = new ArrayDeque<>();
    stack.push(root);
    nextChild.push(0);
    seen.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Variable v = stack.peek();
      int child = nextChild.pop();
      List<Variable> inputs = v.isLeaf() ? List.of() : v.node().inputs();
      if (child < inputs.size()) {
        nextChild.push(child + 1);
        Variable input = inputs.get(child);
        if (input.requiresGrad() && seen.put(input, Boolean.TRUE) == null) {
          stack.push(input);
          nextChild.push(0);
        }
      } else {
        stack.pop();
        postOrder.add(v);
      }
    }
    List<Variable> order = new ArrayList<>(postOrder.size());
    for (int i = postOrder.size() - 1; i >= 0; i--) {
      order.add(postOrder.get(i));
    }
    return order;
  }
}
