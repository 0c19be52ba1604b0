package io.nabla.train;

import io.nabla.backend.Parallelism;
import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.optimizer.Optimizer;
import io.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chapter's learning loop: for each iteration draw a mini-batch (gathered on a background
 * thread while the previous one trains, in the same order: {@link BatchPrefetcher}), compute the
 * gradient by backpropagation, let the optimizer update the parameters (a {@link TrainingStep}), and
 * record the batch loss (after the update, as the chapter does); once per epoch ({@code max(trainSize / batchSize, 1)}
 * iterations, starting after the first update, as the chapter does) measure the accuracy on the
 * whole training and test sets. A loss that is NaN or infinite, or that stays far beyond the
 * starting loss as the config's {@link DivergenceRule} says, stops the run with a {@link
 * TrainingDivergedException}.
 *
 * <p>Where kernels may use more than one thread ({@link Parallelism#threads()}) on a machine with
 * more than one processor, and the model can be scored beside its training ({@link
 * Model#sharingParameters()}), the losses and evaluations run on a second core while the next
 * gradient is computed ({@link OverlappedLoop}); the numbers, the order listeners hear them in
 * and the divergence rule's decisions are the same bits as in the sequential loop. Listeners may
 * then hear of an iteration some updates after it; a listener's exception stops the run there.
 */
public final class Trainer {

  private final TrainingConfig config;
  private final List<TrainingListener> listeners = new ArrayList<>();

  /** A trainer with the given settings. */
  public Trainer(TrainingConfig config) {
    this.config = config;
  }

  /** Adds a listener told of every iteration and epoch. */
  public Trainer addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /** The number of iterations in one epoch ({@link TrainingConfig#iterationsPerEpoch}). */
  public int iterationsPerEpoch(int trainSize) {
    return config.iterationsPerEpoch(trainSize);
  }

  /**
   * Trains {@code model} in place on {@code train}, evaluating on {@code train} and {@code test}
   * each epoch.
   *
   * @throws TrainingDivergedException if the loss stops being finite or breaks the divergence rule
   */
  public TrainingHistory train(Model model, Optimizer optimizer, LabeledData train, LabeledData test) {
    BatchSampler sampler = config.shuffledEpochs()
        ? BatchSampler.shuffledEpochs(train.size(), config.batchSize(), config.seed())
        : BatchSampler.withReplacement(train.size(), config.batchSize(), config.seed());
    int perEpoch = iterationsPerEpoch(train.size());
    RunRecord record = new RunRecord(config, listeners);
    TrainingStep step = new TrainingStep(model, optimizer);
    Optional<Model> twin = overlaps() ? model.sharingParameters() : Optional.empty();
    if (twin.isPresent()) {
      new OverlappedLoop(config, record, perEpoch).run(step, twin.get(), train, test, sampler);
    } else {
      trainInSequence(step, train, test, sampler, record, perEpoch);
    }
    return record.history();
  }

  /** Whether a second core is there for the loss and the evaluations. */
  private static boolean overlaps() {
    return Parallelism.threads() > 1 && Runtime.getRuntime().availableProcessors() > 1;
  }

  private void trainInSequence(TrainingStep step, LabeledData train, LabeledData test,
      BatchSampler sampler, RunRecord record, int perEpoch) {
    Model model = step.model();
    try (BatchPrefetcher batches = new BatchPrefetcher(train, sampler, 2)) {
      for (int iteration = 1; iteration <= config.iterations(); iteration++) {
        BatchPrefetcher.Batch batch = batches.next();
        Tensor images = batch.images();
        Targets targets = batch.targets();
        record.noteStart(iteration, model, images, targets);
        double loss = step.takeReportingLossAfter(images, targets);
        record.check(iteration, loss);
        record.iterationDone(iteration, loss);
        // As the chapter's loop (i from 0, evaluated when i % iter_per_epoch == 0): after the
        // first update and every epoch after it, 17 evaluations in its 10000 iterations.
        if ((iteration - 1) % perEpoch == 0) {
          record.epochDone(new EpochResult((iteration - 1) / perEpoch, iteration,
              Evaluation.accuracy(model, train, config.evaluationBatch()),
              Evaluation.accuracy(model, test, config.evaluationBatch())), model);
        }
      }
    }
  }
}
