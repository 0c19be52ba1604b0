package io.nabla.model;

import io.nabla.layer.Affine;
import io.nabla.layer.Sequential;
import io.nabla.tensor.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/**
 * The chapter's {@code simpleNet}: one weight matrix {@code W} [2, 3] and no bias; {@code
 * predict(x) = x . W} (the raw scores, as the chapter's), loss = cross-entropy of {@code
 * softmax(predict(x))}.
 */
public final class SimpleNet extends SoftmaxClassifier {

  /** The weight's parameter name. */
  public static final String WEIGHT = "W";

  /** A net with the given weight matrix (used in place). */
  public SimpleNet(Tensor weight) {
    super(new Sequential(Affine.withoutBias(WEIGHT, checkWeight(weight))));
  }

  /** A net with a [2, 3] weight drawn from the standard normal distribution, as the chapter's. */
  public static SimpleNet random(long seed, DType dtype) {
    return new SimpleNet(Tensors.randomNormal(new SeededRandom(seed), 0, 1, dtype, 2, 3));
  }

  private static Tensor checkWeight(Tensor weight) {
    if (weight.rank() != 2) {
      throw new IllegalArgumentException(
          "simpleNet: weight must be a matrix, got " + Shapes.format(weight.shape()));
    }
    return weight;
  }

  /** The weight matrix (live). */
  public Tensor weight() {
    return parameters().get(0).value();
  }

  /** The raw scores {@code x . W}, as the chapter's {@code predict}. */
  @Override
  public Tensor predict(Tensor x) {
    return scores(x);
  }

  @Override
  public SimpleNet asType(DType dtype) {
    return new SimpleNet(weight().asType(dtype));
  }
}
