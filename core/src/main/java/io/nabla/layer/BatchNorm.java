package io.nabla.layer;

import io.nabla.autograd.Variable;
import io.nabla.backend.DType;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Batch normalization (the book's chapter 6), per feature of [batch, features] or per channel of
 * images [batch, channels, height, width]: {@code gamma * (x - mean) / sqrt(var + EPSILON) +
 * beta}. In {@linkplain TrainingMode training} the mean and variance are the batch's ({@link
 * Variable#batchNorm}), and each pass moves the running statistics towards them: {@code running =
 * MOMENTUM * running + (1 - MOMENTUM) * batch}. In evaluation the running statistics are used, so
 * a sample's output does not depend on the rest of its batch.
 *
 * <p>Parameters {@code gamma} (ones at first) and {@code beta} (zeros); the running mean (zeros)
 * and variance (ones) are {@linkplain #buffers() buffers}, saved with the model but not trained.
 * A training pass writes them, so two threads must not run one instance at once.
 */
public final class BatchNorm implements Layer {

  /**
   * Keeps the square root away from 0 for a feature that does not vary; the book's 10e-7, the
   * default (PyTorch's is 1e-5: a layer takes its own, for models read from other frameworks).
   */
  public static final double EPSILON = 1e-6;

  /** The weight of the running statistics' old value at each training pass, as in the book. */
  public static final double MOMENTUM = 0.9;

  private final Parameter gamma;
  private final Parameter beta;
  private final String runningMeanName;
  private final Tensor runningMean;
  private final String runningVarName;
  private final Tensor runningVar;
  private final double epsilon;

  /**
   * A batch normalization over the given tensors (used in place, not copied), all [features].
   *
   * @throws IllegalArgumentException naming the tensors if they are not vectors of one length and
   *     one dtype
   */
  public BatchNorm(String gammaName, Tensor gamma, String betaName, Tensor beta, String runningMeanName,
      Tensor runningMean, String runningVarName, Tensor runningVar) {
    this(gammaName, gamma, betaName, beta, runningMeanName, runningMean, runningVarName, runningVar, EPSILON);
  }

  /**
   * As {@link #BatchNorm(String, Tensor, String, Tensor, String, Tensor, String, Tensor)}, adding
   * {@code epsilon} to the variance instead of {@link #EPSILON}.
   *
   * @throws IllegalArgumentException if epsilon is not a positive number
   */
  public BatchNorm(String gammaName, Tensor gamma, String betaName, Tensor beta, String runningMeanName,
      Tensor runningMean, String runningVarName, Tensor runningVar, double epsilon) {
    this.epsilon = checkEpsilon(epsilon);
    Objects.requireNonNull(gamma, "batchNorm: gamma is null");
    Tensor[] all = {gamma, Objects.requireNonNull(beta, "batchNorm: beta is null"),
        Objects.requireNonNull(runningMean, "batchNorm: running mean is null"),
        Objects.requireNonNull(runningVar, "batchNorm: running variance is null")};
    for (Tensor t : all) {
      if (gamma.rank() != 1 || !t.hasShape(gamma.shape()) || t.dtype() != gamma.dtype()) {
        throw new IllegalArgumentException("batchNorm: " + gammaName + " " + gamma.describe() + ", " + betaName + " "
            + beta.describe() + ", " + runningMeanName + " " + runningMean.describe() + " and " + runningVarName + " "
            + runningVar.describe() + " must be vectors of one length and dtype");
      }
    }
    this.gamma = new Parameter(gammaName, gamma);
    this.beta = new Parameter(betaName, beta);
    this.runningMeanName = Objects.requireNonNull(runningMeanName, "runningMeanName");
    this.runningMean = runningMean;
    this.runningVarName = Objects.requireNonNull(runningVarName, "runningVarName");
    this.runningVar = runningVar;
  }

  /**
   * {@code epsilon}, checked: a positive, finite number (the rule of the layer and of a net's text).
   *
   * @throws IllegalArgumentException naming it otherwise
   */
  public static double checkEpsilon(double epsilon) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("batchNorm: epsilon must be a positive number, got " + epsilon);
    }
    return epsilon;
  }

  /** What is added to the variance before its square root. */
  public double epsilon() {
    return epsilon;
  }

  /** Features (or channels) normalized: the length of gamma. */
  public int features() {
    return gamma.value().dim(0);
  }

  /** The running mean, [features]: live, updated by training passes. */
  public Tensor runningMean() {
    return runningMean;
  }

  /** The running variance, [features]: live, updated by training passes. */
  public Tensor runningVariance() {
    return runningVar;
  }

  @Override
  public Variable forward(Variable x) {
    Objects.requireNonNull(x, "batchNorm.forward: input is null");
    checkFeatures(x.value());
    int[] perFeature = x.value().rank() == 2 ? new int[] {1, features()} : new int[] {1, features(), 1, 1};
    if (TrainingMode.isOn()) {
      return x.batchNorm(gamma.variable(), beta.variable(), epsilon, runningMean, runningVar, MOMENTUM);
    }
    Variable mean = Variable.constant(runningMean.reshape(perFeature));
    Variable std = Variable.constant(runningVar.reshape(perFeature)).add(epsilon).sqrt();
    return x.sub(mean).div(std).mul(gamma.variable().reshape(perFeature)).add(beta.variable().reshape(perFeature));
  }

  private void checkFeatures(Tensor x) {
    if ((x.rank() != 2 && x.rank() != 4) || x.dim(1) != features()) {
      throw new IllegalArgumentException("batchNorm: input " + Shapes.format(x.shape()) + " is not [batch, "
          + features() + "] or [batch, " + features() + ", height, width]: the layer normalizes " + features()
          + " features");
    }
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }

  /** {@inheritDoc} The running mean and variance, live. */
  @Override
  public Map<String, Tensor> buffers() {
    Map<String, Tensor> buffers = new LinkedHashMap<>();
    buffers.put(runningMeanName, runningMean);
    buffers.put(runningVarName, runningVar);
    return buffers;
  }

  /**
   * {@inheritDoc} Every tensor is copied ({@link Tensor#asType} copies even in the same dtype), so
   * a copy's training passes leave this layer's running statistics alone.
   */
  @Override
  public BatchNorm asType(DType dtype) {
    return new BatchNorm(gamma.name(), gamma.value().asType(dtype), beta.name(), beta.value().asType(dtype),
        runningMeanName, runningMean.asType(dtype), runningVarName, runningVar.asType(dtype), epsilon);
  }
}
