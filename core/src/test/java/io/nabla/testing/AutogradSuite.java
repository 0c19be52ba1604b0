package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nabla.autograd.Variable;
import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.backend.UnaryOp;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.layer.Layer;
import io.nabla.model.Activation;
import io.nabla.model.Architecture;
import io.nabla.model.LayerSpec;
import io.nabla.model.ParameterSource;
import io.nabla.loss.CrossEntropy;
import io.nabla.loss.Targets;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The chapter's method on every operation of automatic differentiation, on one backend: each
 * operation's gradient against central differences, in float64 ({@link
 * GradientChecker#checkVariables}). An operation is a public method of {@link Variable} that
 * returns a variable; {@link #everyOperationHasAGradientCheck} fails when one has no case here, so
 * a new operation cannot arrive unchecked. Each backend module runs it with a one-line subclass.
 */
public abstract class AutogradSuite {

  /**
   * Relative error allowed: central differences with h = 1e-4 err by h^2 f'''/6, about 1e-7 on
   * 1/y and log y for y near 0.2 (the division and cross-entropy cases); a wrong gradient errs by
   * 1e-2 or more.
   */
  private static final double TOLERANCE = 1e-6;

  /** Methods of {@link Variable} that return a variable but are not operations: they make leaves. */
  private static final Set<String> NOT_OPERATIONS = Set.of("requiringGrad(Tensor)", "constant(Tensor)", "detach()");

  /** The backend under test. */
  protected abstract Backend backend();

  /** One gradient check of an operation: what it shows, its inputs, the function of them. */
  private record Case(String label, List<Tensor> inputs, Function<List<Variable>, Variable> f) {}

  private final Map<String, List<Case>> cases = new LinkedHashMap<>();

  private void check(String operation, String label, Function<List<Variable>, Variable> f, Tensor... inputs) {
    cases.computeIfAbsent(operation, k -> new ArrayList<>()).add(new Case(label, List.of(inputs), f));
  }

  /** Values of both signs at least 0.1 from 0 (where the rectifiers and abs have their kink). */
  private Tensor signed(long seed, int... shape) {
    Tensor t = Inputs.uniform(backend(), seed, 0.1, 1.5, DType.FLOAT64, shape);
    for (int i = 0; i < t.size(); i += 2) {
      t.setFlat(i, -t.getFlat(i));
    }
    return t;
  }

  /** Values in [0.5, 2): in the domain of log, sqrt and division. */
  private Tensor positive(long seed, int... shape) {
    return Inputs.uniform(backend(), seed, 0.5, 2, DType.FLOAT64, shape);
  }

  private Map<String, List<Case>> cases() {
    if (!cases.isEmpty()) {
      return cases;
    }
    // Arithmetic, with every broadcasting layout the layers use: equal shapes, a bias row, a column, both.
    for (String op : List.of("add", "sub", "mul", "div")) {
      Function<List<Variable>, Variable> f = switch (op) {
        case "add" -> v -> v.get(0).add(v.get(1));
        case "sub" -> v -> v.get(0).sub(v.get(1));
        case "mul" -> v -> v.get(0).mul(v.get(1));
        default -> v -> v.get(0).div(v.get(1));
      };
      String key = op + "(Variable)";
      check(key, "equal shapes", f, signed(1, 3, 4), positive(2, 3, 4));
      check(key, "a bias row", f, signed(3, 3, 4), positive(4, 4));
      check(key, "a column and a row", f, signed(5, 3, 1), positive(6, 1, 4));
      check(key, "a scalar on the left", f, positive(7), signed(8, 2, 3));
    }
    // maximum: the two operands at least 0.2 apart everywhere, so no element sits at the switch.
    Tensor low = Inputs.uniform(backend(), 9, -1, 1, DType.FLOAT64, 3, 4);
    Tensor high = low.add(0.2);
    for (int i = 0; i < 12; i += 3) {
      high.setFlat(i, low.getFlat(i) - 0.2);
    }
    check("maximum(Variable)", "equal shapes", v -> v.get(0).maximum(v.get(1)), low, high);
    check("maximum(Variable)", "a bias row", v -> v.get(0).maximum(v.get(1)), signed(10, 3, 4),
        Tensors.vector(backend(), DType.FLOAT64, 0.05, -0.05, 2, -2));
    check("add(double)", "", v -> v.get(0).add(2.5), signed(11, 3, 4));
    check("mul(double)", "", v -> v.get(0).mul(-1.5), signed(12, 3, 4));
    check("pow(double)", "cube", v -> v.get(0).pow(3), signed(13, 3, 4));
    check("pow(double)", "square root", v -> v.get(0).pow(0.5), positive(14, 3, 4));
    // Every elementwise function, named or by its UnaryOp.
    check("neg()", "", v -> v.get(0).neg(), signed(15, 2, 5));
    check("exp()", "", v -> v.get(0).exp(), signed(16, 2, 5));
    check("log()", "", v -> v.get(0).log(), positive(17, 2, 5));
    check("sqrt()", "", v -> v.get(0).sqrt(), positive(18, 2, 5));
    check("relu()", "", v -> v.get(0).relu(), signed(19, 2, 5));
    check("sigmoid()", "", v -> v.get(0).sigmoid(), signed(20, 2, 5));
    check("tanh()", "", v -> v.get(0).tanh(), signed(21, 2, 5));
    check("leakyRelu()", "", v -> v.get(0).leakyRelu(), signed(22, 2, 5));
    for (UnaryOp op : UnaryOp.values()) {
      boolean positiveOnly = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RECIPROCAL;
      check("map(UnaryOp)", op.label(), v -> v.get(0).map(op),
          positiveOnly ? positive(23, 3, 4) : signed(23, 3, 4));
    }
    Tensor condition = Tensors.vector(backend(), DType.FLOAT64, 1, 0, 0, 1, 1, 0).reshape(2, 3);
    check("where(Tensor,Variable,Variable)", "", v -> Variable.where(condition, v.get(0), v.get(1)),
        signed(24, 2, 3), signed(25, 2, 3));
    check("dropout(double,SeededRandom)", "p = 0.3, one mask",
        v -> v.get(0).dropout(0.3, new SeededRandom(26)), signed(27, 4, 5));
    // Products and reductions.
    check("matmul(Variable)", "", v -> v.get(0).matmul(v.get(1)), signed(28, 3, 5), signed(29, 5, 2));
    check("affine(Variable,Variable)", "", v -> v.get(0).affine(v.get(1), v.get(2)),
        signed(54, 3, 5), signed(55, 5, 2), signed(56, 2));
    check("sum()", "", v -> v.get(0).sum(), signed(30, 2, 3, 4));
    check("mean()", "", v -> v.get(0).mean(), signed(31, 2, 3, 4));
    for (boolean keep : new boolean[] {true, false}) {
      String kept = keep ? "kept" : "dropped";
      check("sum(boolean,int[])", "axis 0, " + kept, v -> v.get(0).sum(keep, 0), signed(32, 2, 3, 4));
      check("sum(boolean,int[])", "axes -1 and 0, " + kept, v -> v.get(0).sum(keep, -1, 0), signed(33, 2, 3, 4));
      check("mean(boolean,int[])", "axis 1, " + kept, v -> v.get(0).mean(keep, 1), signed(34, 2, 3, 4));
      check("max(boolean,int[])", "axis 1, " + kept, v -> v.get(0).max(keep, 1), signed(35, 2, 3, 4));
      check("max(boolean,int[])", "axes 0 and 2, " + kept, v -> v.get(0).max(keep, 0, 2), signed(36, 2, 3, 4));
    }
    check("softmax()", "rows", v -> v.get(0).softmax(), signed(37, 3, 5));
    check("logSoftmax()", "rows", v -> v.get(0).logSoftmax(), signed(38, 3, 5));
    check("logSoftmax()", "scores of 50, stably", v -> v.get(0).add(50).logSoftmax(), signed(39, 2, 4));
    // Shapes.
    check("reshape(int[])", "", v -> v.get(0).reshape(4, -1).mul(v.get(0).reshape(4, 3)), signed(40, 2, 6));
    check("transpose()", "", v -> v.get(0).transpose(), signed(41, 3, 5));
    check("permute(int[])", "", v -> v.get(0).permute(2, 0, 1), signed(42, 2, 3, 4));
    check("slice(int,int,int)", "middle of axis 1", v -> v.get(0).slice(1, 1, 3), signed(43, 2, 4, 3));
    check("slice(int,int,int)", "head of the last axis", v -> v.get(0).slice(-1, 0, 2), signed(44, 2, 4));
    check("gatherRows(int[])", "a row twice, one never",
        v -> v.get(0).gatherRows(2, 0, 2, 3), signed(45, 5, 3));
    check("concat(int,List)", "axis 1", v -> Variable.concat(1, v), signed(46, 2, 3), signed(47, 2, 1));
    check("concat(int,List)", "axis 0", v -> Variable.concat(0, v), signed(48, 2, 3), signed(49, 1, 3));
    // Convolution and pooling: images [2, 2, 5, 5] (and 6 x 6), with and without padding and stride.
    check("conv2d(Variable,Variable,int,int)", "3x3, stride 1, padding 1",
        v -> v.get(0).conv2d(v.get(1), v.get(2), 1, 1), signed(61, 2, 2, 5, 5), signed(62, 3, 2, 3, 3), signed(63, 3));
    check("conv2d(Variable,Variable,int,int)", "2x3, stride 2, no padding",
        v -> v.get(0).conv2d(v.get(1), v.get(2), 2, 0), signed(64, 2, 2, 5, 6), signed(65, 2, 2, 2, 3), signed(66, 2));
    // Stride 1: the SIMD backend's direct convolution, without a bias.
    check("conv2d(Variable,int,int)", "no bias, 2x3, stride 1, padding 0",
        v -> v.get(0).conv2d(v.get(1), 1, 0), signed(69, 2, 2, 4, 5), signed(70, 3, 2, 2, 3));
    check("conv2d(Variable,int,int)", "no bias, 3x3, stride 2, padding 2",
        v -> v.get(0).conv2d(v.get(1), 2, 2), signed(67, 1, 3, 4, 5), signed(68, 2, 3, 3, 3));
    // Max pooling: distinct values, so that no window has a tie a small step could reorder.
    Tensor distinct = Inputs.uniform(backend(), 69, -1, 1, DType.FLOAT64, 2, 2, 6, 6);
    for (int i = 0; i < distinct.size(); i++) {
      distinct.setFlat(i, (i * 37 % 144) * 0.1 - 7 + distinct.getFlat(i) * 0.01);
    }
    check("maxPool2d(int,int)", "2x2, stride 2", v -> v.get(0).maxPool2d(2, 2), distinct);
    check("maxPool2d(int,int)", "3x3, stride 1 (windows overlap)", v -> v.get(0).maxPool2d(3, 1), distinct);
    check("avgPool2d(int,int)", "2x2, stride 2", v -> v.get(0).avgPool2d(2, 2), signed(70, 2, 2, 6, 6));
    check("avgPool2d(int,int)", "3x3, stride 2 (windows overlap)", v -> v.get(0).avgPool2d(3, 2), signed(71, 1, 2, 7, 7));
    check("flatten()", "", v -> v.get(0).flatten().mul(v.get(1)), signed(72, 2, 3, 2, 2), signed(73, 2, 12));
    // Batch normalization with the batch's statistics: per feature of rows, per channel of images.
    check("batchNorm(Variable,Variable,double)", "rows [5, 3]", v -> v.get(0).batchNorm(v.get(1), v.get(2), 1e-5),
        signed(74, 5, 3), signed(75, 3), signed(76, 3));
    check("batchNorm(Variable,Variable,double)", "images [2, 3, 2, 3]",
        v -> v.get(0).batchNorm(v.get(1), v.get(2), 1e-5), signed(77, 2, 3, 2, 3), signed(78, 3), signed(79, 3));
    check("batchNorm(Variable,Variable,double,Tensor,Tensor,double)", "moving running statistics",
        v -> v.get(0).batchNorm(v.get(1), v.get(2), 1e-5, Tensors.zeros(backend(), DType.FLOAT64, 3),
            Tensors.full(backend(), 1.0, DType.FLOAT64, 3), 0.9),
        signed(80, 2, 3, 2, 3), signed(81, 3), signed(82, 3));
    // Losses.
    Targets labels = Targets.labels(2, 0, 1);
    Targets oneHot = Targets.oneHot(Tensors.oneHot(backend(), new int[] {1, 1, 0}, 4, DType.FLOAT64));
    check("softmaxCrossEntropy(Targets)", "labels", v -> v.get(0).softmaxCrossEntropy(labels), signed(50, 3, 4));
    check("softmaxCrossEntropy(Targets)", "one-hot", v -> v.get(0).softmaxCrossEntropy(oneHot), signed(51, 3, 4));
    check("meanSquaredError(Targets)", "one-hot", v -> v.get(0).meanSquaredError(oneHot), signed(52, 3, 4));
    check("loss(Loss,Targets)", "cross-entropy of probabilities",
        v -> v.get(0).loss(new CrossEntropy(), oneHot), positive(53, 3, 4).mul(0.2));
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> everyOperationsGradientMatchesCentralDifferences() {
    return cases().entrySet().stream().flatMap(e -> e.getValue().stream().map(c -> DynamicTest.dynamicTest(
        backend().name() + " " + e.getKey() + (c.label().isEmpty() ? "" : ", " + c.label()),
        () -> GradientChecker.centralDifferences().checkVariables(c.f(), c.inputs())
            .assertRelativeErrorBelow(TOLERANCE))));
  }

  @Test
  void everyOperationHasAGradientCheck() {
    Set<String> operations = Arrays.stream(Variable.class.getMethods())
        .filter(m -> m.getReturnType() == Variable.class && m.getDeclaringClass() == Variable.class)
        .map(AutogradSuite::signature)
        .filter(s -> !NOT_OPERATIONS.contains(s))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> unchecked = new TreeSet<>(operations);
    unchecked.removeAll(cases().keySet());
    Set<String> stale = new TreeSet<>(cases().keySet());
    stale.removeAll(operations);
    assertEquals(Set.of(), unchecked, "operations of Variable without a gradient check in AutogradSuite");
    assertEquals(Set.of(), stale, "gradient checks in AutogradSuite of no operation of Variable");
  }

  /**
   * Every layer an architecture can name, built into one net on this backend, has its input's and
   * parameters' gradients checked by central differences; a kind of layer left out of the text
   * fails the test, so a new one cannot go unchecked.
   */
  @Test
  void everyLayerAnArchitectureNamesMatchesCentralDifferences() {
    // Images [2, 6, 6] through every window layer, then a row of 5 through every other kind; in
    // training mode (the checker's), so dropout drops and batch normalization uses the batch's
    // statistics. Each batchnorm follows an activation: right after a bias it would make the bias's
    // gradient 0, where a relative error means nothing.
    StringBuilder text = new StringBuilder(
        "conv(2,3,1,1) tanh batchnorm maxpool(2) conv(2,2) avgpool(2,1) affine(5) dropout(0.3)");
    for (Activation a : Activation.values()) {
      text.append(' ').append(a.label()).append(" affine(5)");
    }
    text.append(" residual(affine(5) tanh) sigmoid batchnorm affine(4)");
    Architecture architecture = Architecture.parse(text.toString());
    Set<Class<?>> named = architecture.layers().stream().map(Object::getClass).collect(Collectors.toSet());
    assertEquals(Set.of(LayerSpec.class.getPermittedSubclasses()), named, "layer kinds the check's net leaves out");
    Layer net = architecture.build(List.of(2, 6, 6), ParameterSource.initialized(backend(), DType.FLOAT64, 3, 0.5));
    GradientChecker.centralDifferences().checkLayer(net, signed(60, 3, 2, 6, 6)).assertRelativeErrorBelow(TOLERANCE);
  }

  private static String signature(Method m) {
    return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
        .collect(Collectors.joining(",", "(", ")"));
  }
}
