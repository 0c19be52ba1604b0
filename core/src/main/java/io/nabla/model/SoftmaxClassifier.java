package io.nabla.model;

import io.nabla.layer.Parameter;
import io.nabla.layer.Sequential;
import io.nabla.loss.SoftmaxCrossEntropy;
import io.nabla.loss.Targets;
import io.nabla.backend.DType;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier made of a layer stack that produces class scores, trained with softmax
 * cross-entropy: the shape shared by the chapter's {@code simpleNet} and {@code TwoLayerNet}.
 * {@link #predict} returns the softmax probabilities; {@link #scores} the raw scores.
 */
public abstract class SoftmaxClassifier implements Model {

  private final Sequential network;
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
  private Tensor lossGradient;
  private Map<String, Tensor> gradients = Map.of();

  /** A classifier over the given layer stack, whose output is the class scores. */
  protected SoftmaxClassifier(Sequential network) {
    this.network = network;
  }

  /** The layer stack. */
  public Sequential network() {
    return network;
  }

  /**
   * The raw class scores (the last layer's output, before softmax): a tensor the network reuses
   * on its next forward pass; copy it to keep it.
   */
  public Tensor scores(Tensor x) {
    return network.forward(x);
  }

  /** The class probabilities {@code softmax(scores(x))}. */
  @Override
  public Tensor predict(Tensor x) {
    return NeuralOps.softmax(scores(x));
  }

  @Override
  public double loss(Tensor x, Targets t) {
    return loss.value(scores(x), t);
  }

  @Override
  public double accuracy(Tensor x, Targets t) {
    Tensor s = scores(x);
    t.checkFits("accuracy", s);
    int[] predicted = s.rank() == 1 ? new int[] {s.argmax()} : s.argmax(-1);
    int[] truth = t.classIndices();
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] == truth[i]) {
        correct++;
      }
    }
    return predicted.length == 0 ? 0 : (double) correct / predicted.length;
  }

  /**
   * {@inheritDoc} The map is reused while the gradient tensors stay the same objects, which they
   * do from step to step (the layers reuse their buffers), so a training step allocates nothing
   * here.
   */
  @Override
  public Map<String, Tensor> gradient(Tensor x, Targets t) {
    backpropagate(scores(x), t);
    return gradients;
  }

  /**
   * Sets every parameter's gradient as {@link #gradient} does and returns the loss of the same
   * forward pass (before any update): one forward pass for both, where {@link #loss} and then
   * {@link #gradient} would take two.
   */
  public double lossAndGradient(Tensor x, Targets t) {
    Tensor s = scores(x);
    double value = loss.value(s, t);
    backpropagate(s, t);
    return value;
  }

  private void backpropagate(Tensor s, Targets t) {
    lossGradient = Tensors.reuse(lossGradient, s, s.shape());
    loss.gradient(s, t, lossGradient);
    network.backwardParameters(lossGradient);
    List<Parameter> parameters = network.parameters();
    boolean same = gradients.size() == parameters.size();
    for (int i = 0; same && i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      same = gradients.get(p.name()) == p.grad();
    }
    if (!same) {
      Map<String, Tensor> grads = new LinkedHashMap<>();
      for (Parameter p : parameters) {
        grads.put(p.name(), p.grad());
      }
      gradients = java.util.Collections.unmodifiableMap(grads);
    }
  }

  @Override
  public List<Parameter> parameters() {
    return network.parameters();
  }

  /** The parameters by name. */
  public Map<String, Parameter> parametersByName() {
    return network.parametersByName();
  }
}
