package io.nabla.train;

import io.nabla.backend.Parallelism;
import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * The chapter's loop with the work that no update waits for moved to a second core: the loss of
 * iteration i after its update runs on the {@link ScoringThread} (over a twin of the model that
 * shares its parameters) while this thread computes the gradient of iteration i + 1 from the
 * same parameters; update i + 1 waits for it. Each epoch's evaluation scores a snapshot of the
 * parameters in the background, batch by batch, between those losses. When the scoring thread
 * is busy with an evaluation batch, this thread computes the loss itself rather than wait.
 *
 * <p>Every number is what {@link Trainer}'s sequential loop computes, to the bit: the same
 * products on the same parameters (a row's result does not depend on the rows beside it or on
 * the thread), the same sums in the same order. Listeners hear of iterations and epochs in the
 * same order, an iteration after an epoch once that epoch's evaluation is in; the divergence rule
 * stops the run at the same iteration, with the same parameters, after telling the listeners of
 * everything before it. The scoring thread's kernels run on it alone, the training thread's on
 * the other threads kernels may use (one, on two cores). A listener's exception reaches the caller
 * when its event is told, which may be some updates after the sequential loop would have thrown
 * it: those updates were made.
 */
final class OverlappedLoop {

  private final TrainingConfig config;
  private final RunRecord record;
  private final int perEpoch;
  /** Iterations and epoch evaluations not yet told, in order; an evaluation holds up those after it. */
  private final ArrayDeque<Object> untold = new ArrayDeque<>();
  /** Snapshots whose evaluation has been told, for reuse. */
  private final ArrayDeque<Model> freeSnapshots = new ArrayDeque<>();

  OverlappedLoop(TrainingConfig config, RunRecord record, int perEpoch) {
    this.config = config;
    this.record = record;
    this.perEpoch = perEpoch;
  }

  private record IterationDone(int iteration, double loss) {}

  /** Trains {@code step}'s model (scored through {@code twin}, which shares its parameters). */
  void run(TrainingStep step, Model twin, LabeledData train, LabeledData test, BatchSampler sampler) {
    // The scoring thread takes one core; the training thread's kernels keep the others.
    Parallelism.callWithThreads(Math.max(1, Parallelism.threads() - 1), () -> {
      loop(step, twin, train, test, sampler);
      return null;
    });
  }

  private void loop(TrainingStep step, Model twin, LabeledData train, LabeledData test,
      BatchSampler sampler) {
    Model model = step.model();
    // Three buffers: the batch whose loss is being scored, the one training, the one gathered.
    // Batches are gathered on the scoring thread too: a third busy thread on two cores waits for
    // the scheduler, and the training thread with it.
    try (ScoringThread scoring = new ScoringThread();
        BatchPrefetcher batches = new BatchPrefetcher(train, sampler, 3, scoring::submitUrgent)) {
      FutureTask<Double> pendingLoss = null;
      for (int iteration = 1; iteration <= config.iterations(); iteration++) {
        BatchPrefetcher.Batch batch = batches.next();
        Tensor images = batch.images();
        Targets targets = batch.targets();
        record.noteStart(iteration, model, images, targets);
        // The step in its two halves: iteration i - 1 is settled (its loss checked, its epoch's
        // snapshot taken) while the parameters are still those after its update.
        step.computeGradient(images, targets);
        if (pendingLoss != null) {
          finishIteration(iteration - 1, pendingLoss, model, train, test, scoring);
        }
        step.update();
        pendingLoss = new FutureTask<>(() -> twin.loss(images, targets));
        scoring.submitUrgent(pendingLoss);
      }
      if (pendingLoss != null) {
        finishIteration(config.iterations(), pendingLoss, model, train, test, scoring);
      }
      tellAll();
    }
  }

  /**
   * Takes iteration {@code iteration}'s loss (computing it here if the scoring thread has not
   * started it), applies the divergence rule, and queues the epoch's evaluation when one is due:
   * the parameters are still those after update {@code iteration}.
   */
  private void finishIteration(int iteration, FutureTask<Double> lossTask, Model model,
      LabeledData train, LabeledData test, ScoringThread scoring) {
    lossTask.run(); // does nothing if the scoring thread has started it
    double loss = Failures.get(lossTask, "the loss after an update");
    try {
      record.check(iteration, loss);
    } catch (TrainingDivergedException e) {
      tellAll(); // the epochs before it, as the sequential loop would have told them
      throw e;
    }
    if (untold.isEmpty()) {
      record.iterationDone(iteration, loss); // nothing held back: told now, nothing queued
    } else {
      untold.add(new IterationDone(iteration, loss));
    }
    if ((iteration - 1) % perEpoch == 0) {
      EpochEvaluation evaluation = new EpochEvaluation(snapshotOf(model), (iteration - 1) / perEpoch,
          iteration, train, test, config.evaluationBatch());
      evaluation.submitTo(scoring);
      untold.add(evaluation);
    }
    tellReady(false);
  }

  /** A copy of the model's current parameters, in a reused snapshot when one is free. */
  private Model snapshotOf(Model model) {
    Model snapshot = freeSnapshots.poll();
    if (snapshot == null) {
      return model.asType(model.parameters().get(0).value().dtype());
    }
    List<Parameter> from = model.parameters();
    List<Parameter> to = snapshot.parameters();
    for (int i = 0; i < from.size(); i++) {
      to.get(i).value().assign(from.get(i).value());
    }
    return snapshot;
  }

  private void tellAll() {
    tellReady(true);
  }

  /** Tells the listeners what is ready, in order; with {@code waiting}, waits for the rest. */
  private void tellReady(boolean waiting) {
    while (!untold.isEmpty()) {
      Object next = untold.peek();
      if (next instanceof IterationDone done) {
        record.iterationDone(done.iteration(), done.loss());
      } else {
        EpochEvaluation evaluation = (EpochEvaluation) next;
        if (!waiting && !evaluation.isDone()) {
          return;
        }
        record.epochDone(evaluation.result(), evaluation.snapshot());
        freeSnapshots.add(evaluation.snapshot());
      }
      untold.poll();
    }
  }
}
