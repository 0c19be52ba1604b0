package io.nabla.autograd;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/** The elementwise operations of {@link Variable} and their gradients. */
final class ElementwiseGradients {

  private ElementwiseGradients() {}

  static Variable add(Variable a, Variable b) {
    Tensor out = a.value().add(b.value());
    return Node.record("add", out, Node.NOTHING_SAVED,
        g -> new Tensor[] {
            a.requiresGrad() ? Broadcasts.gradientOf(a, g) : null,
            b.requiresGrad() ? Broadcasts.gradientOf(b, g) : null},
        a, b);
  }

  static Variable sub(Variable a, Variable b) {
    Tensor out = a.value().sub(b.value());
    int[] as = a.shape();
    int[] bs = b.shape();
    return Node.record("sub", out, Node.NOTHING_SAVED,
        g -> new Tensor[] {
            a.requiresGrad() ? Broadcasts.sumTo(g, as) : null,
            b.requiresGrad() ? Broadcasts.sumTo(g, bs).neg() : null},
        a, b);
  }

  static Variable mul(Variable a, Variable b) {
    Tensor x = a.value();
    Tensor y = b.value();
    return Node.record("mul", x.mul(y), new Tensor[] {x, y},
        g -> new Tensor[] {
            a.requiresGrad() ? Broadcasts.sumTo(g.mul(y), x.shape()) : null,
            b.requiresGrad() ? Broadcasts.sumTo(g.mul(x), y.shape()) : null},
        a, b);
  }

  /** d(x/y)/dx = 1/y, d(x/y)/dy = -x/y^2 = -out/y. */
  static Variable div(Variable a, Variable b) {
    Tensor x = a.value();
    Tensor y = b.value();
    Tensor out = x.div(y);
    return Node.record("div", out, new Tensor[] {y, out},
        g -> new Tensor[] {
            a.requiresGrad() ? Broadcasts.sumTo(g.div(y), x.shape()) : null,
            b.requiresGrad() ? Broadcasts.sumTo(g.mul(out).div(y).neg(), y.shape()) : null},
        a, b);
  }

  /** The gradient goes to {@code a} where {@code a > b}, else to {@code b}. */
  static Variable maximum(Variable a, Variable b) {
    Tensor x = a.value();
    Tensor y = b.value();
    return Node.record("maximum", x.maximum(y), new Tensor[] {x, y}, g -> {
      Tensor toA = g.zerosLike();
      // RELU_BACKWARD is (d > 0 ? g : 0): with d = a - b, the gradient of a.
      ElementwiseOps.ternary(TernaryOp.RELU_BACKWARD, x.sub(y), g, g, toA);
      return new Tensor[] {Broadcasts.sumTo(toA, x.shape()), Broadcasts.sumTo(g.sub(toA), y.shape())};
    }, a, b);
  }

  static Variable addScalar(Variable a, double c) {
    return Node.record("add", a.value().add(c), Node.NOTHING_SAVED, g -> new Tensor[] {g}, a);
  }

  static Variable mulScalar(Variable a, double c) {
    return Node.record("mul", a.value().mul(c), Node.NOTHING_SAVED, g -> new Tensor[] {g.mul(c)}, a);
  }

  /** d(x^p)/dx = p x^(p-1); 0 for p = 0 (also at x = 0, where the formula gives 0 * infinity). */
  static Variable pow(Variable a, double p) {
    Tensor x = a.value();
    return Node.record("pow", x.pow(p), new Tensor[] {x},
        g -> new Tensor[] {p == 0 ? g.zerosLike() : g.mul(x.pow(p - 1).mul(p))}, a);
  }

  /**
   * Any elementwise function: the activations through their fused backward kernel ({@link
   * TernaryOp}), the others by their derivative's formula. The switch has no default, so a new
   * {@link UnaryOp} does not compile until its gradient is written here.
   */
  static Variable map(Variable a, UnaryOp op) {
    Tensor x = a.value();
    Tensor y = ElementwiseOps.map(op, x);
    String name = op.label();
    return switch (op) {
      case SIGMOID -> fused(name, a, y, TernaryOp.SIGMOID_BACKWARD);
      case RELU -> fused(name, a, y, TernaryOp.RELU_BACKWARD);
      case TANH -> fused(name, a, y, TernaryOp.TANH_BACKWARD);
      case LEAKY_RELU -> fused(name, a, y, TernaryOp.LEAKY_RELU_BACKWARD);
      case NEGATE -> Node.record(name, y, Node.NOTHING_SAVED, g -> new Tensor[] {g.neg()}, a);
      case EXP -> Node.record(name, y, new Tensor[] {y}, g -> new Tensor[] {g.mul(y)}, a);
      case LOG -> Node.record(name, y, new Tensor[] {x}, g -> new Tensor[] {g.div(x)}, a);
      case SQRT -> Node.record(name, y, new Tensor[] {y}, g -> new Tensor[] {g.div(y).mul(0.5)}, a);
      case SQUARE -> Node.record(name, y, new Tensor[] {x}, g -> new Tensor[] {g.mul(x).mul(2)}, a);
      case RECIPROCAL -> Node.record(name, y, new Tensor[] {y},
          g -> new Tensor[] {g.mul(y).mul(y).neg()}, a);
      case ABS -> Node.record(name, y, new Tensor[] {x}, g -> {
        // sign(x) g, 0 at 0: (x > 0 ? g : 0) - (-x > 0 ? g : 0).
        Tensor plus = g.zerosLike();
        Tensor minus = g.zerosLike();
        ElementwiseOps.ternary(TernaryOp.RELU_BACKWARD, x, g, g, plus);
        ElementwiseOps.ternary(TernaryOp.RELU_BACKWARD, x.neg(), g, g, minus);
        return new Tensor[] {plus.subi(minus)};
      }, a);
    };
  }

  /** An activation whose backward pass is one kernel reading (x, y, g). */
  private static Variable fused(String name, Variable a, Tensor y, TernaryOp backward) {
    Tensor x = a.value();
    return Node.recordOverwriting(name, y, new Tensor[] {x, y}, (g, mayOverwrite) -> {
      Tensor dx = mayOverwrite ? g : g.zerosLike();
      ElementwiseOps.ternary(backward, x, y, g, dx);
      return new Tensor[] {dx};
    }, a);
  }

  static Variable where(Tensor condition, Variable a, Variable b) {
    Tensor out = ElementwiseOps.where(condition, a.value(), b.value());
    return Node.record("where", out, new Tensor[] {condition}, g -> {
      Tensor zeros = g.zerosLike();
      return new Tensor[] {
          a.requiresGrad() ? ElementwiseOps.where(condition, g, zeros) : null,
          b.requiresGrad() ? ElementwiseOps.where(condition, zeros, g) : null};
    }, a, b);
  }

  static Variable dropout(Variable a, double p, SeededRandom random) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout: the probability must be in [0, 1), got " + p);
    }
    Tensor x = a.value();
    // mask = (u - p > 0 ? 1 / (1 - p) : 0) for u uniform in [0, 1): kept with probability 1 - p.
    Tensor u = Tensors.randomUniform(x.backend(), random, 0, 1, x.dtype(), x.shape());
    Tensor mask = x.zerosLike();
    ElementwiseOps.ternary(TernaryOp.RELU_BACKWARD, u.sub(p), u,
        Tensors.full(x.backend(), 1 / (1 - p), x.dtype(), x.shape()), mask);
    return Node.record("dropout", ElementwiseOps.zip(BinaryOp.MULTIPLY, x, mask), new Tensor[] {mask},
        g -> new Tensor[] {g.mul(mask)}, a);
  }
}
