package io.nabla.examples.results;

import io.nabla.backend.Backend;
import io.nabla.data.LabeledData;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.loss.Targets;
import io.nabla.model.Activation;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.model.TwoLayerNet;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The book's gradient check ({@code nabla gradcheck}): the mean absolute difference between the
 * numerical and the backprop gradient (by automatic differentiation) of each parameter of a net:
 * the chapter's TwoLayerNet(784, 50, 10) by default, or any net the command line builds or loads.
 *
 * @param net what was checked, as the text names it: {@code TwoLayerNet(784, 50, 10)}
 * @param rows the training rows used
 * @param dtype the element type of the net and data
 * @param backend the backend it ran on
 * @param meanAbsoluteDifference per parameter, in the net's order
 */
public record GradcheckResult(String net, int rows, DType dtype, String backend, Map<String, Double> meanAbsoluteDifference)
    implements CommandResult {

  /** Keeps an unmodifiable copy of the differences, in their order. */
  public GradcheckResult {
    meanAbsoluteDifference = Collections.unmodifiableMap(new LinkedHashMap<>(meanAbsoluteDifference));
  }

  /** Checks the chapter's net, sigmoid and seeded with 42, on {@code batch} (its rows, in its dtype, on {@code backend}). */
  public static GradcheckResult of(LabeledData batch, DType dtype, Backend backend) {
    return of(TwoLayerNet.builder(784, 50, 10).dtype(dtype).seed(42).backend(backend).build(), batch);
  }

  /** Checks {@code net} on {@code batch}, which has the net's dtype and backend. */
  public static GradcheckResult of(Net net, LabeledData batch) {
    Targets t = Targets.labels(batch.labels());
    GradientChecker checker = GradientChecker.centralDifferences();
    Map<String, Tensor> numerical = checker.numericalGradient(net, batch.images(), t);
    // With the numerical side's dropout masks: the net's own draws would differ.
    Map<String, Tensor> backprop = checker.analyticGradient(net, batch.images(), t);
    Map<String, Double> diffs = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : numerical.entrySet()) {
      diffs.put(e.getKey(), e.getValue().sub(backprop.get(e.getKey()).asType(DType.FLOAT64)).abs().mean());
    }
    return new GradcheckResult(describe(net), batch.size(), net.dtype(), batch.images().backend().name(), diffs);
  }

  /**
   * {@code TwoLayerNet(784, 50, 10)}, with the activation when it is not the chapter's sigmoid; a
   * net that is not fully connected by its layers' text, {@code Net(affine(100) relu ...)}.
   */
  public static String describe(Net net) {
    if (!(net instanceof FeedForwardNet mlp)) {
      return "Net(" + net.architecture() + ")";
    }
    return describe(mlp);
  }

  private static String describe(FeedForwardNet net) {
    String sizes = net.layerSizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    String kind = net instanceof TwoLayerNet ? "TwoLayerNet" : "FeedForwardNet";
    return kind + "(" + sizes + ")" + (net.activation() == Activation.SIGMOID ? "" : " " + net.activation().label());
  }

  @Override
  public String text() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "%s, %d rows, %s on %s: mean |numerical - backprop|", net, rows, dtype.label(), backend));
    meanAbsoluteDifference.forEach((name, diff) ->
        text.append(System.lineSeparator()).append(String.format(Locale.ROOT, "  %-3s %.3e", name, diff)));
    return text.toString();
  }

  @Override
  public Map<String, Object> json() {
    return new LinkedHashMap<>(meanAbsoluteDifference);
  }
}
