package io.nabla.train;

import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mini-batches for the training loop, each gathered on a background thread while the previous
 * one trains: copying 100 random rows out of the 188 MB MNIST training set is memory-bound work
 * (measured: a sixth of the chapter's run on one thread) that the other core can do meanwhile.
 * Batches come in exactly the sampler's order, so a run is the same as with gathering in line.
 * Two buffers take turns: a batch stays valid until the second {@link #next} after the one that
 * returned it. Not thread-safe; {@link #close} stops the thread.
 */
final class BatchPrefetcher implements AutoCloseable {

  /** A gathered batch: its rows of images and their labels. */
  record Batch(Tensor images, int[] labels) {}

  private final LabeledData data;
  private final BatchSampler sampler;
  private final ExecutorService gatherer;
  private final Tensor[] imageBuffers = new Tensor[2];
  private final int[][] labelBuffers = new int[2][];
  private int turn;
  private Future<Batch> pending;

  BatchPrefetcher(LabeledData data, BatchSampler sampler) {
    this.data = data;
    this.sampler = sampler;
    this.gatherer = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "nabla-batch-gather");
      thread.setDaemon(true);
      return thread;
    });
    pending = gatherer.submit(this::gatherNext);
  }

  /** The next batch; starts gathering the one after it. */
  Batch next() {
    Batch batch;
    try {
      batch = pending.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException("gathering a batch failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    }
    pending = gatherer.submit(this::gatherNext);
    return batch;
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
    turn = 1 - turn;
    ShapeOps.gatherRows(data.images(), rows, images);
    int[] all = data.labels();
    for (int i = 0; i < rows.length; i++) {
      labels[i] = all[rows[i]];
    }
    return new Batch(images, labels);
  }

  @Override
  public void close() {
    gatherer.shutdownNow();
  }
}
