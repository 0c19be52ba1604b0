package io.nabla.examples.results;

import io.nabla.model.FeedForwardNet;
import io.nabla.model.ModelDescription;
import io.nabla.model.Net;
import io.nabla.model.TrainingRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The test accuracy of a saved model ({@code nabla eval}), with how it was trained when the file
 * records it.
 *
 * @param model the file
 * @param net the net's layers as text ({@code affine(50) sigmoid affine(10)})
 * @param activation the hidden activation it ran with, for a fully connected net (else null)
 * @param activationAssumed true when the file does not record it (a file saved by NumPy)
 * @param hiddenLayers how many hidden layers a fully connected net has (else 0)
 * @param testSamples the test rows scored
 * @param testAccuracy the fraction classified correctly
 * @param training the file's training record, if it has one
 */
public record EvalResult(Path model, String net, String activation, boolean activationAssumed, int hiddenLayers,
    int testSamples, double testAccuracy, Optional<TrainingRecord> training) implements CommandResult {

  /**
   * The result for {@code net}, loaded from a file with this description (empty for a file without
   * one); {@code activationAssumed} when the file does not say what its net is (saved by NumPy).
   */
  public static EvalResult of(Path model, Net net, Optional<ModelDescription> description, boolean activationAssumed,
      int testSamples, double testAccuracy) {
    boolean mlp = net instanceof FeedForwardNet;
    return new EvalResult(model, net.architecture().text(),
        mlp ? ((FeedForwardNet) net).activation().label() : null, activationAssumed,
        mlp ? ((FeedForwardNet) net).layerSizes().size() - 2 : 0, testSamples, testAccuracy,
        description.flatMap(ModelDescription::training));
  }

  @Override
  public String text() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%s: test accuracy %.4f on %d samples (%s)", model, testAccuracy,
        testSamples, activation != null
            ? activation + " hidden " + (hiddenLayers == 1 ? "layer" : "layers")
            : "net " + net));
    training.ifPresent(r -> lines.addAll(TrainingRecordRendering.lines(r)));
    return String.join(System.lineSeparator(), lines);
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered("model", model.toString(), "net", net, "activation", activation, "activation_assumed", activationAssumed,
        "test_samples", testSamples, "test_accuracy", testAccuracy,
        "training", training.map(TrainingRecordRendering::json).orElse(null));
  }
}
