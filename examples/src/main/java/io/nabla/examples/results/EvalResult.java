package io.nabla.examples.results;

import io.nabla.model.ModelDescription;
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
 * @param activation the hidden activation it ran with
 * @param activationAssumed true when the file does not record it (a file saved by NumPy)
 * @param hiddenLayers how many hidden layers the net has
 * @param testSamples the test rows scored
 * @param testAccuracy the fraction classified correctly
 * @param training the file's training record, if it has one
 */
public record EvalResult(Path model, String activation, boolean activationAssumed, int hiddenLayers,
    int testSamples, double testAccuracy, Optional<TrainingRecord> training) implements CommandResult {

  /** The result for a file with this description (empty for a file without one). */
  public static EvalResult of(Path model, String activation, Optional<ModelDescription> description,
      int hiddenLayers, int testSamples, double testAccuracy) {
    return new EvalResult(model, activation, description.isEmpty(), hiddenLayers, testSamples, testAccuracy,
        description.flatMap(ModelDescription::training));
  }

  @Override
  public String text() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%s: test accuracy %.4f on %d samples (%s hidden %s)", model, testAccuracy,
        testSamples, activation, hiddenLayers == 1 ? "layer" : "layers"));
    training.ifPresent(r -> lines.addAll(TrainingRecordRendering.lines(r)));
    return String.join(System.lineSeparator(), lines);
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered("model", model.toString(), "activation", activation, "activation_assumed", activationAssumed,
        "test_samples", testSamples, "test_accuracy", testAccuracy,
        "training", training.map(TrainingRecordRendering::json).orElse(null));
  }
}
