package io.nabla.examples.results;

import io.nabla.model.TrainingRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code nabla eval} and {@code nabla info} show a model's training record, as text and data. */
final class TrainingRecordRendering {

  private TrainingRecordRendering() {}

  /** Indented lines: optimizer and loop, where it ran, the data and its digests. */
  static List<String> lines(TrainingRecord r) {
    List<String> lines = new ArrayList<>();
    String settings = r.optimizer().values().entrySet().stream()
        .map(e -> e.getKey().replace('_', ' ') + " " + e.getValue()).collect(Collectors.joining(", "));
    lines.add(String.format(Locale.ROOT, "  trained with %s (%s), batch %d, %d of %d iterations, %s, seed %d%s",
        r.optimizer().name(), settings, r.batchSize(), r.iterationsDone(), r.iterations(),
        r.shuffledEpochs() ? "shuffled epochs" : "batches drawn with replacement", r.seed(),
        (r.weightInit().isEmpty() ? "" : ", initial weights " + r.weightInit())
            + (r.weightDecay() == 0 ? "" : ", weight decay "
                + java.math.BigDecimal.valueOf(r.weightDecay()).stripTrailingZeros().toPlainString())));
    lines.add("  on backend " + r.backend() + ", JDK " + r.jdk() + ", started " + r.started());
    lines.add("  data " + r.dataset() + ":");
    r.datasetSha256().forEach((file, digest) -> lines.add("    " + file + "  sha256 " + digest));
    return lines;
  }

  /** The record's facts, keyed as the JSON key table of docs/cli.md names them. */
  static Map<String, Object> json(TrainingRecord r) {
    return Fields.ordered("optimizer", r.optimizer().name(), "optimizer_settings", r.optimizer().values(),
        "batch_size", r.batchSize(), "iterations", r.iterations(), "iterations_done", r.iterationsDone(),
        "shuffled_epochs", r.shuffledEpochs(), "seed", r.seed(), "weight_init", r.weightInit().isEmpty() ? null : r.weightInit(),
        "weight_decay", r.weightDecay(), "backend", r.backend(), "dataset", r.dataset(),
        "dataset_sha256", r.datasetSha256(), "jdk", r.jdk(), "started", r.started().toString());
  }
}
