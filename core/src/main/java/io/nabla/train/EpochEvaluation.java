package io.nabla.train;

import io.nabla.data.LabeledData;
import io.nabla.model.Model;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;

/**
 * One epoch's evaluation run in the background: a snapshot of the parameters at that epoch is
 * scored on the training and then the test set, a batch per task on the {@link ScoringThread},
 * while training moves on. The batches run in order on that one thread and their counts are
 * summed in the same order as {@link Evaluation#accuracy}, so the accuracies are the same bits.
 */
final class EpochEvaluation {

  private final Model snapshot;
  private final int epoch;
  private final int iteration;
  private final Evaluation.Batches trainBatches;
  private final Evaluation.Batches testBatches;
  private final CompletableFuture<EpochResult> result = new CompletableFuture<>();
  private double trainCorrect;
  private double testCorrect;

  /** An evaluation of {@code snapshot}, which nothing else may change until it is done. */
  EpochEvaluation(Model snapshot, int epoch, int iteration, LabeledData train, LabeledData test,
      int batch) {
    this.snapshot = snapshot;
    this.epoch = epoch;
    this.iteration = iteration;
    this.trainBatches = new Evaluation.Batches(train, batch);
    this.testBatches = new Evaluation.Batches(test, batch);
  }

  /** Queues every batch as a background task of {@code thread}. */
  void submitTo(ScoringThread thread) {
    int trainCount = trainBatches.count();
    int total = trainCount + testBatches.count();
    if (total == 0) {
      finish();
      return;
    }
    for (int i = 0; i < total; i++) {
      int index = i;
      boolean last = i == total - 1;
      thread.submitBackground(new FutureTask<>(() -> {
        if (result.isDone()) {
          return; // an earlier batch failed
        }
        try {
          if (index < trainCount) {
            trainCorrect += trainBatches.correct(snapshot, index);
          } else {
            testCorrect += testBatches.correct(snapshot, index - trainCount);
          }
          if (last) {
            finish();
          }
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      }, null));
    }
  }

  private void finish() {
    result.complete(new EpochResult(epoch, iteration, trainBatches.accuracy(trainCorrect),
        testBatches.accuracy(testCorrect)));
  }

  /** Whether the result (or a failure) is in. */
  boolean isDone() {
    return result.isDone();
  }

  /** The parameters that were evaluated. */
  Model snapshot() {
    return snapshot;
  }

  /** The result, waiting for it; a failure of a batch is rethrown as it was. */
  EpochResult result() {
    return Failures.get(result, "epoch " + epoch + "'s evaluation");
  }
}
