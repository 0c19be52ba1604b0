package io.nabla.train;

import io.nabla.layer.Parameter;
import io.nabla.model.Model;
import io.nabla.model.ModelFile;
import io.nabla.model.TrainingRecord;
import io.nabla.model.Net;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Saves a net after each epoch's evaluation, atomically, with {@link ModelFile}: a run that
 * diverges or is killed leaves its last good model behind. An epoch whose parameters are not all
 * finite is not saved, so the file keeps the last finite ones. Given the run's {@link
 * TrainingRecord}, each file records it, with the iterations its parameters had.
 */
public final class CheckpointListener implements TrainingListener {

  private final Net net;
  private final Path file;
  private final Optional<TrainingRecord> training;
  private EpochResult lastSaved;

  /** Checkpoints {@code net} to {@code file} (replaced at each epoch), without a training record. */
  public CheckpointListener(Net net, Path file) {
    this(net, file, Optional.empty());
  }

  /** Checkpoints {@code net} to {@code file} (replaced at each epoch) with how it is being trained. */
  public CheckpointListener(Net net, Path file, TrainingRecord training) {
    this(net, file, Optional.of(training));
  }

  private CheckpointListener(Net net, Path file, Optional<TrainingRecord> training) {
    this.net = Objects.requireNonNull(net, "net");
    this.file = Objects.requireNonNull(file, "file");
    this.training = training;
  }

  /**
   * Saves the parameters that were evaluated: {@code evaluated} when it is a net of the same
   * kind (a copy at that epoch, when training moved on meanwhile), else the net itself.
   */
  @Override
  public void onEpoch(EpochResult result, Model evaluated) {
    Net atEpoch = evaluated instanceof Net copy && copy.getClass() == net.getClass() ? copy : net;
    for (Parameter p : atEpoch.parameters()) {
      if (!Double.isFinite(p.value().abs().max())) {
        return;
      }
    }
    for (io.nabla.tensor.Tensor buffer : atEpoch.buffers().values()) {
      if (!Double.isFinite(buffer.abs().max())) {
        return; // a file that ModelFile.load would refuse
      }
    }
    try {
      if (training.isPresent()) {
        ModelFile.save(file, atEpoch, training.get().withIterationsDone(result.iteration()));
      } else {
        ModelFile.save(file, atEpoch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint " + file + ": " + e.getMessage(), e);
    }
    lastSaved = result;
  }

  /** The file checkpoints go to. */
  public Path file() {
    return file;
  }

  /** The epoch whose parameters the file holds, if one was saved. */
  public Optional<EpochResult> lastSaved() {
    return Optional.ofNullable(lastSaved);
  }
}
