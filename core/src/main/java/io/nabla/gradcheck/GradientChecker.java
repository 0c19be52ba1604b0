package io.nabla.gradcheck;

import io.nabla.layer.Layer;
import io.nabla.layer.Parameter;
import io.nabla.loss.Loss;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.tensor.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Numerical gradients of functions of tensors, and checks of analytic gradients against them.
 *
 * <p>{@link #numericalGradient} walks every element of a tensor of any shape (the chapter's
 * {@code nditer} loop), perturbs it by {@code +h} and {@code -h}, and forms {@code (f(x+h) -
 * f(x-h)) / 2h} in double precision, restoring the element afterwards even if {@code f} throws.
 * The {@code check} methods first convert the layer, loss inputs or model to float64, so that the
 * comparison measures the math and not float32 rounding, then report per tensor the errors of
 * the analytic gradient ({@link GradientReport}).
 */
public final class GradientChecker {

  private final double step;

  /** A checker with the chapter's step {@code h = 1e-4}. */
  public GradientChecker() {
    this(Derivatives.DEFAULT_STEP);
  }

  /** A checker with step {@code h}. */
  public GradientChecker(double step) {
    Derivatives.checkStep(step);
    this.step = step;
  }

  /**
   * The numerical gradient of {@code f} at {@code x}: a float64 tensor shaped like {@code x}.
   * {@code f} is called with {@code x} itself, one element perturbed; {@code x} is unchanged when
   * this returns. For a float32 {@code x} the perturbed values are rounded to float32.
   */
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

  /**
   * Checks a layer's backward pass at input {@code x}: with a fixed random {@code R} shaped like
   * the output, {@code f = sum(forward(x) * R)}, whose gradient with respect to the output is
   * {@code R}; compares {@code backward(R)} with the numerical gradient for the input and each
   * parameter. The layer is checked on a float64 copy; it is not modified.
   */
  public GradientReport checkLayer(Layer layer, Tensor x) {
    Layer copy = layer.asType(DType.FLOAT64);
    Tensor input = x.asType(DType.FLOAT64);
    Tensor out = copy.forward(input);
    Tensor r = Tensors.randomUniform(new SeededRandom(7), -1, 1, DType.FLOAT64, out.shape())
        .on(out.backend());
    Tensor dx = copy.backward(r);
    ToDoubleFunction<Tensor> f = ignored -> copy.forward(input).mul(r).sum();
    List<GradientReport.Entry> entries = new ArrayList<>();
    entries.add(compare("input", dx, numericalGradient(f, input)));
    for (Parameter p : copy.parameters()) {
      entries.add(compare(p.name(), p.grad(), numericalGradient(f, p.value())));
    }
    return new GradientReport(entries);
  }

  /**
   * Checks a loss's gradient with respect to its input {@code y}, in float64. For cross-entropy
   * {@code y} must be positive (probabilities).
   */
  public GradientReport checkLoss(Loss loss, Tensor y, Targets t) {
    Tensor y64 = y.asType(DType.FLOAT64);
    Targets t64 = t.asType(DType.FLOAT64);
    Tensor analytic = loss.gradient(y64, t64);
    Tensor numerical = numericalGradient(v -> loss.value(v, t64), y64);
    return new GradientReport(List.of(compare("y", analytic, numerical)));
  }

  /**
   * Checks a model's backprop gradient against the numerical gradient of its loss, parameter by
   * parameter, on a float64 copy of the model (the model itself is not modified).
   */
  public GradientReport checkModel(Model model, Tensor x, Targets t) {
    Map<String, Tensor> numerical = model.numericalGradient(x, t);
    Map<String, Tensor> analytic =
        model.asType(DType.FLOAT64).gradient(x.asType(DType.FLOAT64), t.asType(DType.FLOAT64));
    List<GradientReport.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Tensor> n : numerical.entrySet()) {
      entries.add(compare(n.getKey(), analytic.get(n.getKey()), n.getValue()));
    }
    return new GradientReport(entries);
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
