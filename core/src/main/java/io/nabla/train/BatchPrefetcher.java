package io.nabla.train;

import io.nabla.data.BatchGather;
import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.loss.Targets;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Mini-batches for the training loop, each gathered on a background thread while the previous
 * one trains: copying 100 random rows out of the 188 MB MNIST training set is memory-bound work
 * (measured: a sixth of the chapter's run on one thread) that the other core can do meanwhile.
 * Batches come in exactly the sampler's order, so a run is the same as with gathering in line.
 * Buffers take turns: with {@code b} of them, a batch stays valid until the {@code (b - 1)}-th
 * {@link #next} after the one that returned it. Not thread-safe; {@link #close} stops the thread.
 */
final class BatchPrefetcher implements AutoCloseable {

  /** A gathered batch: its rows of images and their labels. */
  record Batch(Tensor images, int[] labels) {
    /** The labels as the loss takes them. */
    Targets targets() {
      return Targets.labels(labels);
    }
  }

  private final LabeledData data;
  private final BatchSampler sampler;
  /** The gather thread of this prefetcher's own, or null when gathering runs on a given executor. */
  private final ExecutorService ownThread;
  private final Consumer<FutureTask<Batch>> gatherer;
  private final Tensor[] imageBuffers;
  private final int[][] labelBuffers;
  private int turn;
  private FutureTask<Batch> pending;

  /**
   * Gathers {@code sampler}'s batches of {@code data} into {@code buffers} (at least 2) buffers,
   * on a thread of its own.
   */
  BatchPrefetcher(LabeledData data, BatchSampler sampler, int buffers) {
    this(data, sampler, buffers, null);
  }

  /**
   * Gathers by handing each task to {@code gatherer} (something that runs tasks in order, such as
   * the {@link ScoringThread}); null: on a thread of its own. Either way, a batch that {@link #next} needs
   * before the gatherer has started on it is gathered by the caller: no wait for a thread that
   * the scheduler has not run yet.
   */
  BatchPrefetcher(LabeledData data, BatchSampler sampler, int buffers,
      Consumer<FutureTask<Batch>> gatherer) {
    if (buffers < 2) {
      throw new IllegalArgumentException("a prefetcher needs at least 2 buffers, got " + buffers);
    }
    this.imageBuffers = new Tensor[buffers];
    this.labelBuffers = new int[buffers][];
    this.data = data;
    this.sampler = sampler;
    this.ownThread = gatherer != null ? null : Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "nabla-batch-gather");
      thread.setDaemon(true);
      return thread;
    });
    this.gatherer = gatherer != null ? gatherer : ownThread::execute;
    pending = startGathering();
  }

  /** The next batch; starts gathering the one after it. */
  Batch next() {
    pending.run(); // does nothing if the gatherer has started it
    Batch batch = Failures.get(pending, "a batch");
    pending = startGathering();
    return batch;
  }

  private FutureTask<Batch> startGathering() {
    FutureTask<Batch> task = new FutureTask<>(this::gatherNext);
    gatherer.accept(task);
    return task;
  }

  /** Draws the next rows and copies them into the buffer whose turn it is. */
  private Batch gatherNext() {
    int[] rows = sampler.nextBatch();
    int[] shape = data.images().shape();
    shape[0] = rows.length;
    Tensor images = Tensors.reuse(imageBuffers[turn], data.images(), shape);
    int[] labels = labelBuffers[turn] != null && labelBuffers[turn].length == rows.length
        ? labelBuffers[turn] : new int[rows.length];
    imageBuffers[turn] = images;
    labelBuffers[turn] = labels;
    turn = (turn + 1) % imageBuffers.length;
    BatchGather.gather(data.images(), data.labels(), rows, images, labels);
    return new Batch(images, labels);
  }

  @Override
  public void close() {
    pending.cancel(false);
    if (ownThread != null) {
      ownThread.shutdownNow();
    }
  }
}
