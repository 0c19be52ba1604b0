package io.nabla.examples.results;

import io.nabla.gradcheck.GradientChecker;
import io.nabla.loss.Targets;
import io.nabla.model.SimpleNet;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Locale;
import java.util.Map;

/**
 * The chapter's simpleNet on {@code x = [0.6, 0.9]}, {@code t = [0, 0, 1]}: its weights,
 * prediction, loss and the loss's numerical gradient ({@code nabla simplenet}).
 *
 * @param weight the 2x3 weight matrix
 * @param x the input
 * @param prediction the scores {@code x W}
 * @param loss the cross-entropy of their softmax
 * @param dW the numerical gradient of the loss with respect to the weights
 */
public record SimpleNetResult(Tensor weight, Tensor x, Tensor prediction, double loss, Tensor dW)
    implements CommandResult {

  /** Runs {@code net} on the chapter's input and target, in float64 on the net's backend. */
  public static SimpleNetResult of(SimpleNet net) {
    Tensor x = Tensors.vector(net.weight().backend(), DType.FLOAT64, 0.6, 0.9);
    Targets t = Targets.labels(2);
    Tensor dW = GradientChecker.centralDifferences().numericalGradient(net, x, t).get(SimpleNet.WEIGHT);
    return new SimpleNetResult(net.weight(), x, net.predict(x), net.loss(x, t), dW);
  }

  /** The class the net predicts. */
  public int argmax() {
    return prediction.argmax();
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT, "W          %s%nprediction %s (argmax %d)%nloss       %.6f%ndW         %s",
        weight, prediction, argmax(), loss, dW);
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered("W", Fields.rows(weight), "x", x.toDoubleArray(), "prediction", prediction.toDoubleArray(),
        "argmax", argmax(), "loss", loss, "dW", Fields.rows(dW));
  }
}
