package io.nabla.examples.results;

import io.nabla.train.EpochResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A finished {@code nabla train} run: the per-epoch accuracies, the time, the saved model's own
 * test accuracy (the last epoch's evaluation may precede the last iterations) and the files written.
 *
 * @param backend the backend it trained on
 * @param dtype the element type's label
 * @param iterations the iterations run
 * @param seconds the training loop's wall time
 * @param epochs each epoch's evaluation, epoch 0 (after the first update, as the chapter evaluates) first
 * @param modelTestAccuracy the test accuracy of the saved model, after the last iteration
 * @param out the output directory
 * @param files the files written, in the order written
 */
public record TrainResult(String backend, String dtype, int iterations, double seconds, List<EpochResult> epochs,
    double modelTestAccuracy, Path out, List<Path> files) implements CommandResult {

  /** Keeps unmodifiable copies of the lists; a run has at least epoch 0. */
  public TrainResult {
    epochs = List.copyOf(epochs);
    files = List.copyOf(files);
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("a training result has at least epoch 0");
    }
  }

  /** The last epoch's evaluation. */
  public EpochResult lastEpoch() {
    return epochs.get(epochs.size() - 1);
  }

  @Override
  public String text() {
    EpochResult last = lastEpoch();
    return String.format(Locale.ROOT, "train acc, test acc | %.4f, %.4f  (%.1f s)%n"
            + "the saved model, after iteration %d: test acc %.4f%nwrote %s",
        last.trainAccuracy(), last.testAccuracy(), seconds, iterations, modelTestAccuracy,
        files.stream().map(Path::toString).collect(Collectors.joining(", ")));
  }

  @Override
  public Map<String, Object> json() {
    EpochResult last = lastEpoch();
    return Fields.ordered("backend", backend, "dtype", dtype, "iterations", iterations, "seconds", seconds,
        "final_train_accuracy", last.trainAccuracy(), "final_test_accuracy", last.testAccuracy(),
        "model_test_accuracy", modelTestAccuracy,
        "epochs", epochs.stream().map(r -> (Object) Fields.ordered("epoch", r.epoch(), "iteration", r.iteration(),
            "train_accuracy", r.trainAccuracy(), "test_accuracy", r.testAccuracy())).toList(),
        "out", out.toString());
  }
}
