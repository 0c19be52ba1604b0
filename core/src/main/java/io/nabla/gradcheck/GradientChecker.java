package io.nabla.gradcheck;

import io.nabla.autograd.Variable;
import io.nabla.layer.Layer;
import io.nabla.loss.Loss;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Numerical gradients of functions of tensors, and checks of analytic gradients against them:
 * how a learner sees backpropagation agree with the chapter's slow but obvious definition.
 *
 * <p>Get the chapter's central-difference checker with {@link #centralDifferences()} ({@code h =
 * 1e-4}) or {@link #centralDifferences(double)}. Every method uses the checker's {@link #step()}.
 * The {@code check} methods work on float64 copies, so that a comparison measures the math and
 * not float32 rounding, and report per tensor the errors of the analytic gradient ({@link
 * GradientReport}); nothing they are given is modified.
 */
public interface GradientChecker {

  /** The chapter's checker: central differences with {@code h = 1e-4}. */
  static GradientChecker centralDifferences() {
    return new CentralDifferences(Derivatives.DEFAULT_STEP);
  }

  /**
   * Central differences with step {@code h}.
   *
   * @throws IllegalArgumentException if {@code h} is not positive and finite
   */
  static GradientChecker centralDifferences(double h) {
    return new CentralDifferences(h);
  }

  /** The step {@code h} every numerical derivative of this checker uses. */
  double step();

  /**
   * The numerical gradient of {@code f} at {@code x}: a float64 tensor shaped like {@code x}.
   * {@code f} is called with {@code x} itself, one element perturbed; {@code x} is unchanged when
   * this returns, even if {@code f} throws. For a float32 {@code x} the perturbed values are
   * rounded to float32.
   */
  Tensor numericalGradient(ToDoubleFunction<Tensor> f, Tensor x);

  /**
   * The numerical gradient of the model's loss on {@code x} against {@code t} with respect to
   * each parameter, keyed by parameter name: computed on a float64 copy of the model whatever its
   * dtype, and slow (two forward passes per parameter element). The loss is taken in {@linkplain
   * io.nabla.layer.TrainingMode training mode}, as a step differentiates it, with the same draws
   * (dropout masks) at every pass. The model is not modified.
   */
  Map<String, Tensor> numericalGradient(Model model, Tensor x, Targets t);

  /**
   * Checks a layer's gradients, which automatic differentiation derives from its forward pass, at
   * input {@code x}: with a fixed random {@code R} shaped like the output, {@code f = sum(forward(x)
   * * R)}, whose gradient with respect to the output is {@code R}; compares the gradients {@code
   * backward(R)} gives the input and each parameter with their numerical gradients, on a float64
   * copy of the layer ({@link Layer#asType}). A layer already in float64 is its own copy: the check
   * zeroes and then sets its parameters' gradients (their values it restores), so check it before
   * a backward pass whose gradients you need, or check a copy.
   */
  GradientReport checkLayer(Layer layer, Tensor x);

  /**
   * Checks a loss's gradient with respect to its input {@code y}. For cross-entropy {@code y}
   * must be positive (probabilities).
   */
  GradientReport checkLoss(Loss loss, Tensor y, Targets t);

  /**
   * The model's backprop gradient as {@link #checkModel} compares it: {@link Model#gradient} run
   * in {@linkplain io.nabla.layer.TrainingMode training mode} with the draws (dropout masks) of
   * this checker's numerical side, so the two can be compared for a net with dropout too. On the
   * model itself, in its own dtype: it sets the parameters' gradients, and a training pass moves
   * batch normalization's running statistics, as a step does.
   */
  Map<String, Tensor> analyticGradient(Model model, Tensor x, Targets t);

  /** Checks a model's backprop gradient against {@link #numericalGradient(Model, Tensor, Targets)}. */
  GradientReport checkModel(Model model, Tensor x, Targets t);

  /**
   * Checks automatic differentiation of {@code f}, a function of variables built from {@code
   * inputs}: on float64 copies of the inputs, the gradient {@link Variable#backward(Tensor)} gives
   * each input for the scalar {@code sum(f(inputs) * r)} (r a fixed random tensor, so that every
   * output element counts) against that scalar's central differences, computed without recording.
   * {@code f} must compute the same function at every call (draw any randomness from a generator
   * it seeds itself). Entries are named {@code input 0}, {@code input 1}, ...
   */
  GradientReport checkVariables(Function<List<Variable>, Variable> f, List<Tensor> inputs);
}
