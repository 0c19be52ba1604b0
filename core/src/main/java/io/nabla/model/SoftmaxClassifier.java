package io.nabla.model;

import io.nabla.autograd.Autograd;
import io.nabla.autograd.Variable;
import io.nabla.layer.Parameter;
import io.nabla.layer.Sequential;
import io.nabla.layer.TrainingMode;
import io.nabla.tensor.SeededRandom;
import io.nabla.loss.SoftmaxCrossEntropy;
import io.nabla.loss.Targets;
import io.nabla.backend.DType;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier made of any layer stack that produces class scores, trained with softmax
 * cross-entropy: the shape shared by the chapter's {@code simpleNet} and {@code TwoLayerNet}, and
 * the model of a net of your own layers ({@code new SoftmaxClassifier(new Sequential(...))}).
 * {@link #predict} returns the softmax probabilities; {@link #scores} the raw scores. The
 * gradient comes from automatic differentiation of the layers' forward passes, run in {@linkplain
 * TrainingMode training mode} (dropout drops); the loss, accuracy and predictions evaluate
 * (dropout passes everything), unless the caller opened a training scope.
 */
public class SoftmaxClassifier implements Model {

  private final Sequential network;
  /** The network's parameters, listed once: a step reads them twice, and the stack never changes. */
  private final List<Parameter> parameters;
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
  /** The memory of every loss, accuracy and gradient, reused from one call to the next. */
  private final Workspace workspace = new Workspace();
  private Map<String, Tensor> gradients = Map.of();
  /** The seed of {@link #trainingDraws}, which copies start their own stream from. */
  private long trainingSeed = DEFAULT_TRAINING_SEED;
  /** The draws of layers in training mode (dropout's masks), one stream over the steps. */
  private SeededRandom trainingDraws = new SeededRandom(DEFAULT_TRAINING_SEED);

  /** The L2 weight decay's lambda: the loss adds {@code lambda / 2} times the weights' squares. */
  private double weightDecay;

  /** The seed of the training draws unless {@link #seedTrainingDraws} sets one. */
  static final long DEFAULT_TRAINING_SEED = 42;

  /** A classifier over the given layer stack, whose output is the class scores. */
  public SoftmaxClassifier(Sequential network) {
    this.network = java.util.Objects.requireNonNull(network, "softmaxClassifier: network is null");
    this.parameters = network.parameters();
  }

  /**
   * {@inheritDoc} A classifier over {@link Sequential#asType}, which converts every layer (a layer
   * of your own converts only if it implements {@link io.nabla.layer.Layer#asType}).
   */
  @Override
  public SoftmaxClassifier asType(DType dtype) {
    return withSettingsOf(new SoftmaxClassifier(network.asType(dtype)));
  }

  /**
   * Restarts the stream that layers draw from when a gradient runs them in training mode
   * (dropout's masks) at {@code seed}; a net's builder seeds it with the net's seed, so a seed
   * gives the same training run, and copies ({@link #asType}, {@link #sharingParameters}, a
   * loaded model has the default 42) start their own stream at the same seed. A gradient taken
   * inside a caller's {@link TrainingMode} scope draws from that scope's generator instead.
   *
   * @return this classifier
   */
  public SoftmaxClassifier seedTrainingDraws(long seed) {
    this.trainingSeed = seed;
    this.trainingDraws = new SeededRandom(seed);
    return this;
  }

  /**
   * Sets the L2 weight decay of the book's chapter 6: the loss adds {@code lambda / 2 * sum(W^2)}
   * over the weights, so each weight's gradient gains {@code lambda * W}. The weights are the
   * parameters of rank 2 or more (affine and convolution layers'); biases are not decayed, as in
   * the book. 0 (the default) adds nothing. Copies ({@link #asType}, {@link #sharingParameters})
   * keep it.
   *
   * @throws IllegalArgumentException if lambda is negative or not finite
   * @return this classifier
   */
  public SoftmaxClassifier weightDecay(double lambda) {
    this.weightDecay = checkWeightDecay(lambda);
    return this;
  }

  /** The rule on the weight decay's lambda: finite, at least 0. */
  static double checkWeightDecay(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + lambda);
    }
    return lambda;
  }

  /** The L2 weight decay's lambda (0: none). */
  public double weightDecay() {
    return weightDecay;
  }

  /**
   * Gives {@code copy}, a classifier over this one's layers or a copy of them, this one's
   * settings: the weight decay and the seed of the training draws.
   */
  protected final <C extends SoftmaxClassifier> C withSettingsOf(C copy) {
    ((SoftmaxClassifier) copy).weightDecay = weightDecay;
    copy.seedTrainingDraws(trainingSeed);
    return copy;
  }

  /** {@code lambda / 2 * sum(W^2)} over the decayed weights; 0 without weight decay. */
  private double decayPenalty() {
    if (weightDecay == 0) {
      return 0;
    }
    double squares = 0;
    for (Parameter p : parameters) {
      if (decays(p)) {
        squares += p.value().mul(p.value()).sum();
      }
    }
    return 0.5 * weightDecay * squares;
  }

  /** Whether weight decay applies to {@code p}: a weight, rank 2 or more, not a bias. */
  private static boolean decays(Parameter p) {
    return p.value().rank() >= 2;
  }

  /**
   * The layers' buffers by name ({@link io.nabla.layer.Layer#buffers()}): batch normalization's
   * running statistics, live; empty for most nets.
   */
  public Map<String, Tensor> buffers() {
    return network.buffers();
  }

  /**
   * Everything this classifier computes with, by name: its parameters' values in order, then its
   * {@linkplain #buffers() buffers}; live, not copies. What a saved model holds, and what a net of
   * the same architecture is built again from ({@link Net#fromParameters}).
   */
  public Map<String, Tensor> state() {
    Map<String, Tensor> state = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      state.put(p.name(), p.value());
    }
    state.putAll(buffers());
    return state;
  }

  /** The layer stack. */
  public Sequential network() {
    return network;
  }

  /** The raw class scores (the last layer's output, before softmax), a new tensor. */
  public Tensor scores(Tensor x) {
    return network.forward(asSamples(x));
  }

  /**
   * The batch {@code x} in the shape the network takes; by default as it is. A {@link Net} of
   * images takes rows of pixels [batch, 784] as the images [batch, 1, 28, 28] they are.
   */
  protected Tensor asSamples(Tensor x) {
    return x;
  }

  /** The class probabilities {@code softmax(scores(x))}. */
  @Override
  public Tensor predict(Tensor x) {
    return NeuralOps.softmax(scores(x));
  }

  @Override
  public double loss(Tensor x, Targets t) {
    try (Workspace.Scope scope = workspace.enter()) {
      return loss.value(scores(x), t) + decayPenalty();
    }
  }

  @Override
  public double accuracy(Tensor x, Targets t) {
    try (Workspace.Scope scope = workspace.enter()) {
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
  }

  /**
   * {@inheritDoc} By automatic differentiation of the network's forward pass and the fused softmax
   * cross-entropy. The gradients are written into the same tensors from step to step, and the map
   * is reused while they are, so a training step allocates nothing here.
   */
  @Override
  public Map<String, Tensor> gradient(Tensor x, Targets t) {
    try (Workspace.Scope scope = workspace.enter()) {
      backpropagate(forwardForGradient(x), t);
    }
    return gradients;
  }

  /**
   * Sets every parameter's gradient as {@link #gradient} does and returns the loss of the same
   * forward pass (before any update): one forward pass for both, where {@link #loss} and then
   * {@link #gradient} would take two.
   */
  public double lossAndGradient(Tensor x, Targets t) {
    try (Workspace.Scope scope = workspace.enter()) {
      Variable s = forwardForGradient(x);
      double value = loss.value(s.value(), t) + decayPenalty();
      backpropagate(s, t);
      return value;
    }
  }

  /**
   * The scores, recorded for a backward pass to every parameter, whose gradients are zeroed; in
   * training mode, with this classifier's draws unless the caller opened a scope of its own.
   */
  private Variable forwardForGradient(Tensor x) {
    for (Parameter p : parameters) {
      p.clearGrad();
      p.variable().zeroGrad();
    }
    try (Autograd.Scope recording = Autograd.enableGrad();
        TrainingMode.Scope mode = TrainingMode.isOn() ? null : TrainingMode.on(trainingDraws)) {
      return network.forward(Variable.constant(asSamples(x)));
    }
  }

  /**
   * Back-propagates the loss from the scores: seeded with its gradient {@code (softmax(s) - t) /
   * N} at once, since the step needs no loss value (a loss node would compute one every step).
   */
  private void backpropagate(Variable s, Targets t) {
    Tensor scores = s.value();
    Tensor seed = NeuralOps.softmax(scores); // written whole: no zeroing pass
    loss.gradientFromSoftmax(scores, t, seed);
    s.backward(seed);
    boolean same = gradients.size() == parameters.size();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      if (!p.variable().hasGrad()) {
        // A parameter the loss does not depend on (unused, or behind a detach): its gradient is 0.
        p.setGrad(Workspace.outside(() -> p.value().zerosLike()));
      }
      if (weightDecay != 0 && decays(p)) {
        p.grad().addScaledi(weightDecay, p.value());
      }
      same = same && gradients.get(p.name()) == p.grad();
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
    return parameters;
  }

  /** The parameters by name. */
  public Map<String, Parameter> parametersByName() {
    return network.parametersByName();
  }
}
