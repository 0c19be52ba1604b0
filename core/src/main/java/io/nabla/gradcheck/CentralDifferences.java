package io.nabla.gradcheck;

import io.nabla.autograd.Autograd;
import io.nabla.autograd.Variable;
import io.nabla.layer.Layer;
import io.nabla.layer.Parameter;
import io.nabla.layer.TrainingMode;
import io.nabla.loss.Loss;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The chapter's numerical gradient, as a {@link GradientChecker}: {@link #numericalGradient}
 * walks every element of a tensor of any shape (the chapter's
 * {@code nditer} loop), perturbs it by {@code +h} and {@code -h}, and forms {@code (f(x+h) -
 * f(x-h)) / 2h} in double precision, restoring the element afterwards even if {@code f} throws.
 * The {@code check} methods first convert the layer, loss inputs or model to float64, so that the
 * comparison measures the math and not float32 rounding, then report per tensor the errors of
 * the analytic gradient ({@link GradientReport}).
 *
 * <p>Layers and models are checked as a training step runs them, in {@linkplain TrainingMode
 * training mode}, every evaluation with a generator seeded alike: a dropout layer draws the same
 * mask for the analytic gradient and for each of the numerical side's forward passes, so the
 * check differentiates one fixed function, the one a step with that mask differentiates.
 */
final class CentralDifferences implements GradientChecker {

  /** The seed of the training-mode draws (dropout's masks) of every evaluation of a check. */
  private static final long DRAWS_SEED = 7;

  private final double step;

  /** A checker with step {@code h}, already validated. */
  CentralDifferences(double step) {
    Derivatives.checkStep(step);
    this.step = step;
  }

  @Override
  public double step() {
    return step;
  }

  @Override
  public Tensor numericalGradient(ToDoubleFunction<Tensor> f, Tensor x) {
    Tensor grad = x.zerosLike().asType(DType.FLOAT64);
    for (int i = 0; i < x.size(); i++) {
      double saved = x.getFlat(i);
      try {
        x.setFlat(i, saved + step);
        double plus = f.applyAsDouble(x);
        x.setFlat(i, saved - step);
        double minus = f.applyAsDouble(x);
        grad.setFlat(i, (plus - minus) / (2 * step));
      } finally {
        x.setFlat(i, saved);
      }
    }
    return grad;
  }

  @Override
  public GradientReport checkLayer(Layer layer, Tensor x) {
    Layer copy = layer.asType(DType.FLOAT64);
    Tensor input = x.asType(DType.FLOAT64);
    Variable in = Variable.requiringGrad(input);
    for (Parameter p : copy.parameters()) {
      p.variable().zeroGrad();
    }
    Variable out;
    try (TrainingMode.Scope mode = trainingWithFixedDraws()) {
      out = copy.forward(in);
    }
    Tensor r = backwardWeighted(out);
    ToDoubleFunction<Tensor> f = ignored -> {
      try (TrainingMode.Scope mode = trainingWithFixedDraws()) {
        return copy.forward(input).mul(r).sum();
      }
    };
    List<GradientReport.Entry> entries = new ArrayList<>();
    entries.add(compare("input", in.hasGrad() ? in.grad() : input.zerosLike(), numericalGradient(f, input)));
    for (Parameter p : copy.parameters()) {
      Variable v = p.variable();
      entries.add(compare(p.name(), v.hasGrad() ? v.grad() : p.value().zerosLike(), numericalGradient(f, p.value())));
    }
    return new GradientReport(entries);
  }

  /**
   * Back-propagates {@code sum(out * r)} for a fixed random {@code r} shaped like {@code out}, so
   * that every output element counts, and returns {@code r} for the numerical side.
   */
  private static Tensor backwardWeighted(Variable out) {
    Tensor r = Tensors.randomUniform(out.value().backend(), new SeededRandom(7), -1, 1, DType.FLOAT64,
        out.shape());
    out.backward(r);
    return r;
  }

  @Override
  public GradientReport checkLoss(Loss loss, Tensor y, Targets t) {
    Tensor y64 = y.asType(DType.FLOAT64);
    Targets t64 = t.asType(DType.FLOAT64);
    Tensor analytic = loss.gradient(y64, t64);
    Tensor numerical = numericalGradient(v -> loss.value(v, t64), y64);
    return new GradientReport(List.of(compare("y", analytic, numerical)));
  }

  @Override
  public GradientReport checkModel(Model model, Tensor x, Targets t) {
    Map<String, Tensor> numerical = numericalGradient(model, x, t);
    Map<String, Tensor> analytic =
        analyticGradient(model.asType(DType.FLOAT64), x.asType(DType.FLOAT64), t.asType(DType.FLOAT64));
    List<GradientReport.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Tensor> n : numerical.entrySet()) {
      entries.add(compare(n.getKey(), analytic.get(n.getKey()), n.getValue()));
    }
    return new GradientReport(entries);
  }

  @Override
  public Map<String, Tensor> analyticGradient(Model model, Tensor x, Targets t) {
    try (TrainingMode.Scope mode = trainingWithFixedDraws()) {
      return model.gradient(x, t);
    }
  }

  @Override
  public GradientReport checkVariables(Function<List<Variable>, Variable> f, List<Tensor> inputs) {
    List<Tensor> values = inputs.stream().map(t -> t.asType(DType.FLOAT64)).toList();
    List<Variable> leaves = values.stream().map(Variable::requiringGrad).toList();
    Tensor r = backwardWeighted(f.apply(leaves));
    ToDoubleFunction<Tensor> weighted = ignored -> {
      try (Autograd.Scope scope = Autograd.noGrad()) {
        return f.apply(values.stream().map(Variable::constant).toList()).value().mul(r).sum();
      }
    };
    List<GradientReport.Entry> entries = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Variable leaf = leaves.get(i);
      // No gradient reached it: f does not depend on it, and the numerical gradient must be 0.
      Tensor analytic = leaf.hasGrad() ? leaf.grad() : values.get(i).zerosLike();
      entries.add(compare("input " + i, analytic, numericalGradient(weighted, values.get(i))));
    }
    return new GradientReport(entries);
  }

  @Override
  public Map<String, Tensor> numericalGradient(Model model, Tensor x, Targets t) {
    Model copy = model.asType(DType.FLOAT64);
    Tensor x64 = x.asType(DType.FLOAT64);
    Targets t64 = t.asType(DType.FLOAT64);
    Map<String, Tensor> grads = new LinkedHashMap<>();
    for (Parameter p : copy.parameters()) {
      grads.put(p.name(), numericalGradient(v -> {
        try (TrainingMode.Scope mode = trainingWithFixedDraws()) {
          return copy.loss(x64, t64);
        }
      }, p.value()));
    }
    return grads;
  }

  /** Training mode whose draws repeat at each call: the same dropout masks every time. */
  private static TrainingMode.Scope trainingWithFixedDraws() {
    return TrainingMode.on(new SeededRandom(DRAWS_SEED));
  }

  /** The errors of {@code analytic} against {@code numerical}, which have one shape. */
  static GradientReport.Entry compare(String name, Tensor analytic, Tensor numerical) {
    if (analytic == null || !analytic.hasShape(numerical.shape())) {
      throw new IllegalArgumentException(
          "gradient of " + name + " is " + (analytic == null ? "missing" : analytic.describe())
              + ", expected " + numerical.describe());
    }
    double maxAbs = 0;
    double sumAbs = 0;
    double diffSq = 0;
    double analyticSq = 0;
    double numericalSq = 0;
    for (int i = 0; i < numerical.size(); i++) {
      double a = analytic.getFlat(i);
      double n = numerical.getFlat(i);
      double d = Math.abs(a - n);
      maxAbs = Double.isNaN(d) ? Double.NaN : Math.max(maxAbs, d);
      sumAbs += d;
      diffSq += d * d;
      analyticSq += a * a;
      numericalSq += n * n;
    }
    double scale = Math.sqrt(analyticSq) + Math.sqrt(numericalSq);
    double relative = scale == 0 ? Math.sqrt(diffSq) : Math.sqrt(diffSq) / scale;
    double mean = numerical.size() == 0 ? 0 : sumAbs / numerical.size();
    return new GradientReport.Entry(name, maxAbs, mean, relative);
  }
}
