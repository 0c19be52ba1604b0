package io.nabla.model;

import io.nabla.optimizer.OptimizerSettings;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a saved model was trained: what it takes to reproduce the run or audit its result. Written
 * into the model's description as {@code training.*} lines (see {@link ModelDescription}), which
 * versions that do not know them skip.
 *
 * @param optimizer the optimizer and its settings (learning rate, momentum, ...)
 * @param batchSize rows per mini-batch
 * @param iterations the iterations the run was set to train
 * @param iterationsDone the iterations these parameters had when saved (fewer in a checkpoint)
 * @param shuffledEpochs shuffled epochs, or the chapter's batches drawn with replacement
 * @param seed the seed of the initial weights and of the batches
 * @param backend the backend that trained it
 * @param dataset the data set's name, such as {@code mnist}
 * @param datasetSha256 the SHA-256 of each of the data set's files as read (name to hex digest)
 * @param jdk the Java runtime: its version and vendor
 * @param started when training started, in UTC, to the second
 * @param weightInit how the initial weights were drawn ({@link WeightInit#label()}: {@code he},
 *     {@code normal(0.01)}, ...), {@code from FILE} for weights read from a model file, or empty
 *     where the record does not say (files of older versions)
 * @param weightDecay the L2 weight decay's lambda ({@link SoftmaxClassifier#weightDecay(double)}),
 *     0 for none and where the record does not say
 */
public record TrainingRecord(
    OptimizerSettings optimizer, int batchSize, int iterations, int iterationsDone, boolean shuffledEpochs,
    long seed, String backend, String dataset, Map<String, String> datasetSha256, String jdk, Instant started,
    String weightInit, double weightDecay) {

  /**
   * A record that does not say how the initial weights were drawn ({@link #weightInit} empty),
   * without weight decay.
   */
  public TrainingRecord(OptimizerSettings optimizer, int batchSize, int iterations, int iterationsDone,
      boolean shuffledEpochs, long seed, String backend, String dataset, Map<String, String> datasetSha256,
      String jdk, Instant started) {
    this(optimizer, batchSize, iterations, iterationsDone, shuffledEpochs, seed, backend, dataset, datasetSha256,
        jdk, started, "", 0);
  }

  /** The prefix of every key this record writes. */
  static final String PREFIX = "training.";

  /** Checks the record and keeps an unmodifiable copy of the checksums, in their order. */
  public TrainingRecord {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(jdk, "jdk");
    Objects.requireNonNull(weightInit, "weightInit");
    started = Objects.requireNonNull(started, "started").truncatedTo(ChronoUnit.SECONDS);
    datasetSha256 = Collections.unmodifiableMap(new LinkedHashMap<>(datasetSha256));
    // Each fact is one key=value line: a line break, or an '=' in a key, would not read back.
    for (String value : List.of(optimizer.name(), backend, dataset, jdk)) {
      checkLine("value", value, false);
    }
    if (!weightInit.isEmpty()) {
      checkLine("weight init", weightInit, false);
    }
    SoftmaxClassifier.checkWeightDecay(weightDecay);
    optimizer.values().keySet().forEach(name -> checkLine("setting name", name, true));
    datasetSha256.forEach((file, digest) -> {
      checkLine("file name", file, true);
      checkLine("digest", digest, false);
    });
    if (batchSize < 1 || iterations < 0 || iterationsDone < 0 || iterationsDone > iterations) {
      throw new IllegalArgumentException("a training record needs batch >= 1 and 0 <= iterations done <= iterations,"
          + " got batch " + batchSize + ", " + iterationsDone + " of " + iterations + " iterations");
    }
  }

  /** {@code inKey}: the text goes into a key, where an '=' would end it early. */
  private static void checkLine(String what, String text, boolean inKey) {
    if (text.isEmpty() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || (inKey && text.indexOf('=') >= 0)) {
      throw new IllegalArgumentException("a training record's " + what + " must be one non-empty line"
          + (inKey ? " without '='" : "") + ", got '" + text + "'");
    }
  }

  /** The Java runtime this JVM runs, as {@link #jdk()} records it. */
  public static String currentJdk() {
    return Runtime.version() + " (" + System.getProperty("java.vm.vendor", "unknown vendor") + ")";
  }

  /** This record for parameters saved after {@code done} iterations, such as a checkpoint's. */
  public TrainingRecord withIterationsDone(int done) {
    return new TrainingRecord(optimizer, batchSize, iterations, done, shuffledEpochs, seed, backend, dataset,
        datasetSha256, jdk, started, weightInit, weightDecay);
  }

  /** This record saying that the initial weights were read from the model file {@code fileName}. */
  public TrainingRecord withInitialWeightsFrom(String fileName) {
    return new TrainingRecord(optimizer, batchSize, iterations, iterationsDone, shuffledEpochs, seed, backend, dataset,
        datasetSha256, jdk, started, "from " + fileName, weightDecay);
  }

  /** This record saying how the initial weights were drawn: a {@link WeightInit#label()}. */
  public TrainingRecord withWeightInit(WeightInit init) {
    return new TrainingRecord(optimizer, batchSize, iterations, iterationsDone, shuffledEpochs, seed, backend, dataset,
        datasetSha256, jdk, started, init.label(), weightDecay);
  }

  /** This record saying the L2 weight decay's lambda (0: none). */
  public TrainingRecord withWeightDecay(double lambda) {
    return new TrainingRecord(optimizer, batchSize, iterations, iterationsDone, shuffledEpochs, seed, backend, dataset,
        datasetSha256, jdk, started, weightInit, lambda);
  }

  /** The {@code training.key=value} lines, one per fact. */
  String toText() {
    StringBuilder sb = new StringBuilder();
    line(sb, "optimizer", optimizer.name());
    optimizer.values().forEach((name, value) -> line(sb, "optimizer." + name, String.valueOf(value)));
    line(sb, "batch_size", String.valueOf(batchSize));
    line(sb, "iterations", String.valueOf(iterations));
    line(sb, "iterations_done", String.valueOf(iterationsDone));
    line(sb, "shuffled_epochs", String.valueOf(shuffledEpochs));
    line(sb, "seed", String.valueOf(seed));
    if (!weightInit.isEmpty()) {
      line(sb, "weight_init", weightInit);
    }
    if (weightDecay != 0) {
      line(sb, "weight_decay", String.valueOf(weightDecay));
    }
    line(sb, "backend", backend);
    line(sb, "dataset", dataset);
    datasetSha256.forEach((file, digest) -> line(sb, "dataset.sha256." + file, digest));
    line(sb, "jdk", jdk);
    line(sb, "started", started.toString());
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, String value) {
    sb.append(PREFIX).append(key).append('=').append(value).append('\n');
  }

  /**
   * The record in a description's values, if it has any {@code training.*} key (a file of the
   * first format has none). Keys a later version adds are skipped, and so is an optimizer
   * setting that is not a number (a later version may record, say, a schedule by name).
   *
   * @throws IOException naming the source and the key that is missing or malformed
   */
  static Optional<TrainingRecord> parse(String source, Map<String, String> values) throws IOException {
    if (values.keySet().stream().noneMatch(k -> k.startsWith(PREFIX))) {
      return Optional.empty();
    }
    Map<String, Double> settings = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(PREFIX + "optimizer.")) {
        String name = e.getKey().substring((PREFIX + "optimizer.").length());
        number(e.getValue()).ifPresent(value -> settings.put(name, value));
      } else if (e.getKey().startsWith(PREFIX + "dataset.sha256.")) {
        digests.put(e.getKey().substring((PREFIX + "dataset.sha256.").length()), e.getValue());
      }
    }
    try {
      return Optional.of(new TrainingRecord(
          new OptimizerSettings(required(source, values, "optimizer"), settings),
          (int) integer(source, values, "batch_size", Integer.MAX_VALUE),
          (int) integer(source, values, "iterations", Integer.MAX_VALUE),
          (int) integer(source, values, "iterations_done", Integer.MAX_VALUE), bool(source, values, "shuffled_epochs"),
          integer(source, values, "seed", Long.MAX_VALUE), required(source, values, "backend"),
          required(source, values, "dataset"), digests, required(source, values, "jdk"),
          Instant.parse(required(source, values, "started")),
          values.getOrDefault(PREFIX + "weight_init", ""), weightDecay(source, values)));
    } catch (DateTimeParseException e) {
      throw new IOException(source + ": " + PREFIX + "started is '" + values.get(PREFIX + "started")
          + "', not an ISO-8601 instant such as 2026-12-03T06:30:00Z", e);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  /** The weight decay's lambda, 0 where the record does not say. */
  private static double weightDecay(String source, Map<String, String> values) throws IOException {
    String text = values.get(PREFIX + "weight_decay");
    if (text == null) {
      return 0;
    }
    return number(text).orElseThrow(() -> new IOException(source + ": " + PREFIX + "weight_decay is '" + text
        + "', not a number"));
  }

  private static String required(String source, Map<String, String> values, String key) throws IOException {
    String value = values.get(PREFIX + key);
    if (value == null || value.isEmpty()) {
      throw new IOException(source + ": the training record has no " + PREFIX + key);
    }
    return value;
  }

  private static Optional<Double> number(String text) {
    try {
      return Optional.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** An integer from {@code -max - 1} to {@code max} (Integer.MAX_VALUE for the int fields). */
  private static long integer(String source, Map<String, String> values, String key, long max) throws IOException {
    String text = required(source, values, key);
    try {
      long value = Long.parseLong(text);
      if (value >= -max - 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IOException(source + ": " + PREFIX + key + " is '" + text + "', not an integer");
  }

  private static boolean bool(String source, Map<String, String> values, String key) throws IOException {
    String text = required(source, values, key);
    if (!text.equals("true") && !text.equals("false")) {
      throw new IOException(source + ": " + PREFIX + key + " is '" + text + "', not true or false");
    }
    return Boolean.parseBoolean(text);
  }
}
