package io.nabla.model;

import io.nabla.backend.Backend;
import io.nabla.layer.Affine;
import io.nabla.layer.Sequential;
import io.nabla.backend.DType;
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

  /**
   * The weight the chapter printed ({@code np.random.randn(2, 3)} in its run), from which its
   * predictions, loss and gradient for {@code x = [0.6, 0.9]}, {@code t = [0, 0, 1]} follow.
   */
  private static final double[][] CHAPTER_WEIGHT = {
    {0.47355232, 0.9977393, 0.84668094}, {0.85557411, 0.03563661, 0.69422093}
  };

  /** A net with the chapter's printed weight, on {@code backend}: the one whose outputs the chapter shows. */
  public static SimpleNet withChaptersWeight(Backend backend, DType dtype) {
    return new SimpleNet(Tensors.matrix(backend, dtype, CHAPTER_WEIGHT));
  }

  /** A net on {@code backend} with a [2, 3] weight drawn from the standard normal distribution, as the chapter's. */
  public static SimpleNet random(Backend backend, long seed, DType dtype) {
    return new SimpleNet(Tensors.randomNormal(backend, new SeededRandom(seed), 0, 1, dtype, 2, 3));
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
    return withSettingsOf(new SimpleNet(weight().asType(dtype)));
  }
}
