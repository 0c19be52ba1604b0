package io.nabla.model;

import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trainable model: a prediction, a loss, and the gradient of that loss with respect to every
 * named parameter by backpropagation (the numerical gradient of a model is {@link
 * io.nabla.gradcheck.GradientChecker}'s job).
 *
 * <p>A model keeps the state of its last forward pass, so one instance must not be used by two
 * threads at once; two instances (even on one backend) are independent.
 */
public interface Model {

  /** The model's output for a batch {@code x} (or one sample), as the chapter defines it. */
  Tensor predict(Tensor x);

  /** The loss of the model on {@code x} against {@code t}, averaged over the batch. */
  double loss(Tensor x, Targets t);

  /** The fraction of samples whose highest-scoring class is the target class. */
  double accuracy(Tensor x, Targets t);

  /**
   * The gradient of {@link #loss} with respect to each parameter, by backpropagation, keyed by
   * parameter name. Also sets each parameter's {@link Parameter#grad()} for an optimizer.
   */
  Map<String, Tensor> gradient(Tensor x, Targets t);

  /**
   * Sets every parameter's {@link Parameter#grad()} as {@link #gradient} does and returns {@link
   * #loss} on the same batch, taken before any update. The default runs the two one after the
   * other; a model that can read the loss off the gradient's forward pass overrides it to run
   * that pass once ({@link SoftmaxClassifier} does).
   */
  default double lossAndGradient(Tensor x, Targets t) {
    double value = loss(x, t);
    gradient(x, t);
    return value;
  }

  /** The parameters, in a stable order; their values are live. */
  List<Parameter> parameters();

  /** An independent copy with every parameter converted to {@code dtype}. */
  Model asType(DType dtype);

  /**
   * A model over the same live parameter tensors with its own forward-pass state, so that one
   * thread may score it while another computes this model's gradient (neither may update the
   * parameters meanwhile); empty if this model cannot make one. The trainer uses it to compute
   * the loss on a second core.
   */
  default Optional<Model> sharingParameters() {
    return Optional.empty();
  }
}
