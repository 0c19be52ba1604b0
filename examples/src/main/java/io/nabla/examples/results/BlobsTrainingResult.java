package io.nabla.examples.results;

import io.nabla.data.BatchSampler;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.loss.Targets;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Sgd;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tour's TwoLayerNet(10, 16, 3) learning three Gaussian blobs with SGD (lr 0.1, batch 50):
 * its gradient check on five rows, then loss and accuracy every fourth epoch. Needs no MNIST.
 *
 * @param worstRelativeError the gradient check's worst relative error (float64)
 * @param epochs loss and accuracy on all rows, epochs 0, 4, ..., 20
 */
public record BlobsTrainingResult(double worstRelativeError, List<Epoch> epochs) implements CommandResult {

  /**
   * One evaluation.
   *
   * @param epoch the epoch
   * @param loss the loss on every row
   * @param accuracy the accuracy on every row
   */
  public record Epoch(int epoch, double loss, double accuracy) {}

  /** Keeps an unmodifiable copy of the epochs. */
  public BlobsTrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Trains the net on the current backend; the seeds are fixed, so every run gives the same values. */
  public static BlobsTrainingResult run() {
    int rows = 900;
    SeededRandom random = new SeededRandom(1);
    Tensor centers = Tensors.randomNormal(random, 0, 1, DType.FLOAT32, 3, 10);
    Tensor x = Tensors.zeros(DType.FLOAT32, rows, 10);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < 10; c++) {
        x.set(centers.get(labels[r], c) + 0.8 * random.nextGaussian(), r, c);
      }
    }
    Targets t = Targets.labels(labels);
    TwoLayerNet net = TwoLayerNet.builder(10, 16, 3).seed(2).build();
    double worst = GradientChecker.centralDifferences()
        .checkModel(net, x.sliceRows(0, 5), t.select(new int[] {0, 1, 2, 3, 4})).worstRelativeError();
    List<Epoch> epochs = new ArrayList<>();
    TrainingStep step = new TrainingStep(net, new Sgd(0.1));
    BatchSampler sampler = BatchSampler.withReplacement(rows, 50, 3);
    int itersPerEpoch = Math.max(rows / 50, 1);
    for (int iter = 0; iter <= 20 * itersPerEpoch; iter++) {
      if (iter % (4 * itersPerEpoch) == 0) {
        epochs.add(new Epoch(iter / itersPerEpoch, net.loss(x, t), net.accuracy(x, t)));
      }
      int[] batch = sampler.nextBatch();
      step.take(x.gatherRows(batch), t.select(batch));
    }
    return new BlobsTrainingResult(worst, epochs);
  }

  @Override
  public String text() {
    return "  gradient check (float64): worst relative error " + String.format(Locale.ROOT, "%.2e", worstRelativeError)
        + System.lineSeparator() + epochs.stream()
            .map(e -> String.format(Locale.ROOT, "  epoch %2d  loss %.4f  accuracy %.3f", e.epoch(), e.loss(), e.accuracy()))
            .collect(Collectors.joining(System.lineSeparator()));
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered("gradient_check_worst_relative_error", worstRelativeError, "epochs", epochs.stream()
        .map(e -> (Object) Fields.ordered("epoch", e.epoch(), "loss", e.loss(), "accuracy", e.accuracy())).toList());
  }
}
