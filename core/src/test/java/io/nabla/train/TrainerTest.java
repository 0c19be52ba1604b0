package io.nabla.train;

import static io.nabla.train.TrainingData.blobs;
import static io.nabla.train.TrainingData.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.data.BatchSampler;
import io.nabla.data.LabeledData;
import io.nabla.loss.Targets;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Sgd;
import io.nabla.backend.DType;
import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chapter's loop on a small synthetic problem. */
class TrainerTest {



  @Test
  void recordsEveryLossAndEvaluatesOncePerEpochLikeTheChapter() {
    LabeledData train = blobs(300, 1);
    LabeledData test = blobs(90, 2);
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(95).withBatchSize(10);
    List<Integer> seen = new ArrayList<>();
    Trainer trainer = new Trainer(config).addListener(new TrainingListener() {
      @Override
      public void onIteration(int iteration, int iterations, double loss) {
        seen.add(iteration);
      }
    });
    TwoLayerNet net = TwoLayerNet.builder(8, 10, 3).seed(3).weightInitStd(0.1).build();
    TrainingHistory history = trainer.train(net, new Sgd(0.5), train, test);
    assertEquals(95, history.losses().length);
    assertEquals(95, seen.size());
    // 300 / 10 = 30 iterations per epoch; evaluated after iterations 1, 31, 61, 91.
    assertEquals(List.of(1, 31, 61, 91), history.epochs().stream().map(EpochResult::iteration).toList());
    assertTrue(history.lastEpoch().testAccuracy() > 0.9, history.toString());
    assertEquals(history.lastEpoch().testAccuracy(), Evaluation.accuracy(net, test, 7), 0.05);
  }

  /** Gathering batches in the background changes nothing: same losses, bit for bit, as in line. */
  @Test
  void prefetchedBatchesGiveTheInLineLoopsLosses() {
    LabeledData train = blobs(200, 1);
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(60).withBatchSize(16)
        .withSeed(5);
    TwoLayerNet trained = TwoLayerNet.builder(8, 10, 3).seed(3).weightInitStd(0.1).build();
    double[] losses = new Trainer(config).train(trained, new Sgd(0.5), train, train).losses();

    TwoLayerNet net = TwoLayerNet.builder(8, 10, 3).seed(3).weightInitStd(0.1).build();
    Sgd sgd = new Sgd(0.5);
    BatchSampler sampler = BatchSampler.withReplacement(train.size(), 16, 5);
    Tensor images = Tensors.zeros(DType.FLOAT32, 16, 8);
    for (int i = 0; i < losses.length; i++) {
      int[] rows = sampler.nextBatch();
      ShapeOps.gatherRows(train.images(), rows, images);
      int[] labels = new int[rows.length];
      for (int r = 0; r < rows.length; r++) {
        labels[r] = train.labels()[rows[r]];
      }
      Targets t = Targets.labels(labels);
      net.gradient(images, t);
      sgd.step(net.parameters());
      assertEquals(net.loss(images, t), losses[i], 0.0, "loss at iteration " + (i + 1));
    }
  }

  @Test
  void sameSeedSameRun() {
    LabeledData train = blobs(200, 1);
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(40).withBatchSize(20)
        .withShuffledEpochs(true);
    TrainingHistory a = new Trainer(config).train(TwoLayerNet.builder(8, 6, 3).build(), new Sgd(0.3), train, train);
    TrainingHistory b = new Trainer(config).train(TwoLayerNet.builder(8, 6, 3).build(), new Sgd(0.3), train, train);
    assertEquals(a, b);
  }

  @Test
  void aDivergingRunStopsWithTheIteration() {
    LabeledData train = blobs(100, 1);
    TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).weightInitStd(1).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(TrainingConfig.chapterDefaults().withIterations(50).withBatchSize(10))
            .train(net, new Sgd(1e300), train, train));
    assertTrue(e.getMessage().contains("at iteration " + e.iteration() + ": training diverged; try a"
        + " smaller learning rate"), e.getMessage());
    // The facts are fields, for a caller that words its own message.
    assertEquals(TrainingDivergedException.Kind.NOT_FINITE, e.kind());
    assertTrue(!Double.isFinite(e.loss()), "loss " + e.loss());
    assertEquals(java.util.Optional.empty(), e.startingLoss());
    assertEquals(java.util.Optional.empty(), e.rule());
    assertEquals("the loss became " + e.loss() + " at iteration " + e.iteration(), e.whatHappened());
  }

  @Test
  void aFiniteButExplodingLossStopsAfterThePatienceAndTheRuleCanBeTurnedOff() {
    LabeledData train = noise(200, 1);
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(200).withBatchSize(20);
    // A learning rate far too large: the loss jumps to thousands of times its start and stays finite.
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(config).train(TwoLayerNet.builder(8, 6, 3).seed(4).build(), new Sgd(1e6), train, train));
    assertEquals(50, e.iteration(), e.getMessage());
    assertEquals(TrainingDivergedException.Kind.STAYED_ABOVE_START, e.kind());
    assertEquals(DivergenceRule.standard(), e.rule().orElseThrow());
    double start = e.startingLoss().orElseThrow();
    assertTrue(e.loss() > 100 * start && Double.isFinite(e.loss()), e.loss() + " vs start " + start);
    assertTrue(e.getMessage().startsWith(e.whatHappened() + ": "), e.getMessage());
    assertTrue(e.getMessage().matches("the loss became [0-9.E]+ at iteration 50, above 100x its starting"
        + " [0-9.]+ for 50 iterations in a row: training diverged; try a smaller learning rate"), e.getMessage());
    // The same run with the rule off finishes, and its losses show why the rule fired.
    TrainingHistory history = new Trainer(config.withDivergence(DivergenceRule.off()))
        .train(TwoLayerNet.builder(8, 6, 3).seed(4).build(), new Sgd(1e6), train, train);
    assertEquals(200, history.losses().length);
    assertTrue(history.losses()[199] > 100 * Math.log(3), "final loss " + history.losses()[199]);
  }

  @Test
  void aHealthyRunNeverTripsTheRule() {
    // The tightest rule that still means "far beyond": 3x the start for 5 iterations.
    TrainingConfig config = TrainingConfig.chapterDefaults().withIterations(300).withBatchSize(10)
        .withDivergence(new DivergenceRule(3, 5));
    TrainingHistory history = new Trainer(config)
        .train(TwoLayerNet.builder(8, 10, 3).seed(3).weightInitStd(0.1).build(), new Sgd(0.5), blobs(300, 1), blobs(90, 2));
    assertEquals(300, history.losses().length);
  }

  @Test
  void badSettingsAreNamed() {
    assertEquals("divergence factor must be above 1, got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new DivergenceRule(1, 5)).getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingConfig.chapterDefaults().withBatchSize(0));
    assertEquals("batch size must be at least 1, got 0", e.getMessage());
  }
}
