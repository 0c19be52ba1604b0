package io.nabla.train;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.backend.Parallelism;
import io.nabla.loss.Targets;
import io.nabla.model.Activation;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Optimizer;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/**
 * Trains a tiny net of the same kind on a background thread, so that the JIT compiles the code of
 * a training step (automatic differentiation, the workspace, the optimizer, the loss and the
 * accuracy) while a program does something else, such as loading its data. A step through
 * automatic differentiation runs more Java than the hand-written backward passes did; in the
 * chapter's 10000-step run on 2 cores that compilation (0.7 s more compiler time, {@code
 * -XX:+CITime}) competed with training and made it about 20 % slower. What the warm-up computes is
 * thrown away: it changes no result.
 */
public final class ModelWarmUp {

  /** Steps of the tiny net: enough calls of every method of a step for C2 to compile it. */
  private static final int STEPS = 2500;

  private final Thread thread;

  private ModelWarmUp(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts warming up the step of a net with {@code activation} in {@code dtype} on {@code
   * backend}, trained by {@code optimizer} (a fresh instance: its state is the warm-up's).
   */
  public static ModelWarmUp start(Backend backend, DType dtype, Activation activation, Optimizer optimizer) {
    // One kernel thread: the warm-up must not take the shared kernel workers from the program.
    Thread thread = new Thread(() -> Parallelism.callWithThreads(1, () -> {
      run(backend, dtype, activation, optimizer);
      return null;
    }), "nabla-model-warmup");
    thread.setDaemon(true);
    thread.start();
    return new ModelWarmUp(thread);
  }

  /** Waits for the warm-up to end. */
  public void await() throws InterruptedException {
    thread.join();
  }

  private static void run(Backend backend, DType dtype, Activation activation, Optimizer optimizer) {
    TwoLayerNet net = TwoLayerNet.builder(48, 16, 10).dtype(dtype).activation(activation).seed(1)
        .weightInitStd(0.1).backend(backend).build();
    Tensor x = Tensors.randomUniform(backend, new SeededRandom(2), 0, 1, dtype, 13, 48);
    Targets t = Targets.labels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2);
    // The loops' own step, so that what gets compiled is the code they run.
    TrainingStep step = new TrainingStep(net, optimizer);
    for (int i = 0; i < STEPS; i++) {
      step.takeReportingLossAfter(x, t);
      if (i % 10 == 0) {
        net.accuracy(x, t);
      }
    }
  }
}
