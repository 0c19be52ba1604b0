package io.nabla.train;

import static io.nabla.train.TrainingData.blobs;
import static io.nabla.train.TrainingData.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Parallelism;
import io.nabla.data.LabeledData;
import io.nabla.layer.Parameter;
import io.nabla.model.Model;
import io.nabla.model.ModelFile;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Adam;
import io.nabla.optimizer.Optimizer;
import io.nabla.optimizer.Sgd;
import io.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop that scores on a second core against the sequential one: the same bits in every loss,
 * accuracy and parameter, the same events in the same order, the same stop on divergence.
 * Evaluation batches of 7 rows make each epoch's evaluation dozens of background tasks, so
 * events really are held back while training moves on.
 */
class OverlappedLoopTest {


  private static TrainingConfig config(int iterations) {
    return new TrainingConfig(iterations, 10, false, 42, 7, DivergenceRule.standard());
  }

  /** Every event a listener hears, with the exact bits of each number and the evaluated weights. */
  private static final class Transcript implements TrainingListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void onIteration(int iteration, int iterations, double loss) {
      events.add("iteration " + iteration + "/" + iterations + " " + Double.doubleToRawLongBits(loss));
    }

    @Override
    public void onEpoch(EpochResult result, Model evaluated) {
      StringBuilder weights = new StringBuilder();
      for (Parameter p : evaluated.parameters()) {
        for (double v : p.value().toDoubleArray()) {
          weights.append(Double.doubleToRawLongBits(v)).append(',');
        }
      }
      events.add("epoch " + result + " weights " + weights.toString().hashCode() + " " + weights.length());
    }
  }

  private record Run(TrainingHistory history, List<String> events, List<double[]> parameters) {}

  private static Run run(boolean overlapped, Supplier<Optimizer> optimizer, int iterations) {
    TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).seed(5).build();
    Transcript transcript = new Transcript();
    Trainer trainer = new Trainer(config(iterations)).addListener(transcript);
    TrainingHistory history = Parallelism.callWithThreads(overlapped ? 2 : 1,
        () -> trainer.train(net, optimizer.get(), blobs(200, 1), blobs(61, 2)));
    List<double[]> parameters = new ArrayList<>();
    for (Parameter p : net.parameters()) {
      parameters.add(p.value().toDoubleArray());
    }
    return new Run(history, transcript.events, parameters);
  }

  private static void assertSameRun(Run sequential, Run overlapped) {
    assertArrayEquals(sequential.history().losses(), overlapped.history().losses());
    assertEquals(sequential.history().epochs(), overlapped.history().epochs());
    assertEquals(sequential.events(), overlapped.events());
    for (int i = 0; i < sequential.parameters().size(); i++) {
      assertArrayEquals(sequential.parameters().get(i), overlapped.parameters().get(i));
    }
  }

  @Test
  void givesTheSequentialLoopsBitsAndEventsWithSgd() {
    Run sequential = run(false, () -> new Sgd(0.3), 130);
    Run overlapped = run(true, () -> new Sgd(0.3), 130);
    assertSameRun(sequential, overlapped);
    // 200 rows in batches of 10: an epoch is 20 iterations, evaluated at 1, 21, ..., 121.
    assertEquals(7, overlapped.history().epochs().size());
    assertTrue(overlapped.history().lastEpoch().testAccuracy() > 0.5, "it learned");
  }

  @Test
  void givesTheSequentialLoopsBitsWithAnOptimizerThatKeepsState() {
    assertSameRun(run(false, () -> new Adam(0.01, 0.9, 0.999), 90), run(true, () -> new Adam(0.01, 0.9, 0.999), 90));
  }

  @Test
  void overlapsOnlyWithMoreThanOneKernelThreadOnMoreThanOneProcessor() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
        "one processor: the loop is sequential whatever the setting");
    for (int threads : new int[] {1, 2}) {
      TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).seed(5).build();
      List<Model> evaluated = new ArrayList<>();
      Trainer trainer = new Trainer(config(30)).addListener(new TrainingListener() {
        @Override
        public void onEpoch(EpochResult result, Model model) {
          evaluated.add(model);
        }
      });
      Parallelism.callWithThreads(threads, () -> trainer.train(net, new Sgd(0.3), blobs(200, 1), blobs(61, 2)));
      // In sequence the live net is evaluated; beside training, a snapshot of it.
      assertEquals(threads == 1, evaluated.stream().allMatch(m -> m == net), "threads " + threads);
    }
  }

  @Test
  void aSingleIterationRunIsTheSameToo() {
    assertSameRun(run(false, () -> new Sgd(0.3), 1), run(true, () -> new Sgd(0.3), 1));
  }


  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"finite loss beyond the rule", "NaN loss"})
  void stopsOnDivergenceAtTheSameIterationWithTheSameParametersAndEvents(String how) {
    boolean nan = how.startsWith("NaN");
    List<Object> outcomes = new ArrayList<>();
    for (boolean overlapped : new boolean[] {false, true}) {
      TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).seed(4).weightInitStd(nan ? 1 : 0.01).build();
      LabeledData train = nan ? blobs(200, 1) : noise(200, 1);
      Transcript transcript = new Transcript();
      Trainer trainer = new Trainer(config(400)).addListener(transcript);
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> Parallelism.callWithThreads(overlapped ? 2 : 1,
              () -> trainer.train(net, new Sgd(nan ? 1e300 : 1e6), train, blobs(61, 2))));
      List<String> weights = new ArrayList<>();
      for (Parameter p : net.parameters()) {
        weights.add(java.util.Arrays.toString(p.value().toDoubleArray()));
      }
      outcomes.add(List.of(e.getMessage(), transcript.events, weights));
    }
    assertEquals(outcomes.get(0), outcomes.get(1));
  }

  @Test
  void checkpointsHoldTheParametersOfTheirEpochNotTheLiveOnes(@TempDir Path dir) throws Exception {
    List<List<double[]>> saved = new ArrayList<>();
    for (boolean overlapped : new boolean[] {false, true}) {
      TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).seed(5).build();
      Path file = dir.resolve((overlapped ? "overlapped" : "sequential") + ".npz");
      CheckpointListener checkpoints = new CheckpointListener(net, file);
      // 130 iterations: the last epoch is evaluated at iteration 121, nine updates before the end.
      Trainer trainer = new Trainer(config(130)).addListener(checkpoints);
      Parallelism.callWithThreads(overlapped ? 2 : 1,
          () -> trainer.train(net, new Sgd(0.3), blobs(200, 1), blobs(61, 2)));
      assertEquals(121, checkpoints.lastSaved().orElseThrow().iteration());
      List<double[]> params = new ArrayList<>();
      for (Tensor t : ModelFile.load(file, net.parameters().get(0).value().backend(), net.activation())
          .net().parametersByName().values().stream().map(Parameter::value).toList()) {
        params.add(t.toDoubleArray());
      }
      assertTrue(!java.util.Arrays.equals(params.get(0), net.parameters().get(0).value().toDoubleArray()),
          "the checkpoint is epoch 6's, not the final parameters");
      saved.add(params);
    }
    for (int i = 0; i < saved.get(0).size(); i++) {
      assertArrayEquals(saved.get(0).get(i), saved.get(1).get(i));
    }
  }

  @Test
  void aListenerFailureStopsTheRunAndReachesTheCaller() {
    TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).seed(5).build();
    Trainer trainer = new Trainer(config(130)).addListener(new TrainingListener() {
      @Override
      public void onEpoch(EpochResult result) {
        if (result.epoch() == 2) {
          throw new IllegalStateException("listener refused epoch 2");
        }
      }
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallelism.callWithThreads(2,
        () -> trainer.train(net, new Sgd(0.3), blobs(200, 1), blobs(61, 2))));
    assertEquals("listener refused epoch 2", e.getMessage());
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(
        t -> t.getName().equals("nabla-scoring") && t.isAlive()), "the scoring thread has stopped");
  }

  @Test
  void aTwinSharesTheParameterTensorsButNotTheForwardState() {
    TwoLayerNet net = TwoLayerNet.builder(8, 6, 3).seed(5).build();
    Model twin = net.sharingParameters().orElseThrow();
    assertNotSame(net, twin);
    for (int i = 0; i < net.parameters().size(); i++) {
      assertSame(net.parameters().get(i).value(), twin.parameters().get(i).value());
    }
    LabeledData data = blobs(20, 3);
    Tensor scores = net.scores(data.images());
    double[] before = scores.toDoubleArray();
    twin.loss(blobs(5, 4).images(), io.nabla.loss.Targets.labels(new int[5]));
    assertArrayEquals(before, scores.toDoubleArray(), "the twin's forward pass left the net's alone");
  }
}
