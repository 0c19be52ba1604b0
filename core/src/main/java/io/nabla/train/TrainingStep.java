package io.nabla.train;

import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.model.Model;
import io.nabla.optimizer.Optimizer;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * One step of mini-batch training, the one place it is written: the gradient of the batch's loss
 * by backpropagation, then the optimizer's update of the model's parameters. Every loop that
 * trains a model goes through it: the {@link Trainer}'s two loops, the benchmarks, the tour, and
 * Spark's local steps and synchronous driver.
 *
 * <p>{@link #take} is the chapter's step. {@link #takeReportingLossAfter} adds the loss the chapter
 * records, on the same batch after the update; {@link #takeReportingLossBefore} the loss of the
 * gradient's own forward pass, before the update (one forward pass, as Spark's tasks report it).
 * A loop that interleaves other work between the two halves (the overlapped loop settles the
 * previous iteration after computing the next gradient) calls {@link #computeGradient} and {@link
 * #update} itself. Nothing here allocates per step, and the divergence rule stays with whoever
 * sees the losses in order ({@link DivergenceCheck}).
 *
 * <p>Not thread-safe, as neither the model nor the optimizer is.
 */
public final class TrainingStep {

  private final Model model;
  private final Optimizer optimizer;
  /** Taken once: a model's parameter list may be built on each call, and a step must not allocate. */
  private final List<Parameter> parameters;

  /**
   * A step of {@code model} by {@code optimizer}, which keeps its state for this model's
   * parameters. The model's parameters are read now, so the model must not change which
   * parameter objects it holds afterwards.
   */
  public TrainingStep(Model model, Optimizer optimizer) {
    this.model = Objects.requireNonNull(model, "trainingStep: model is null");
    this.optimizer = Objects.requireNonNull(optimizer, "trainingStep: optimizer is null");
    this.parameters = model.parameters();
  }

  /** The model this step trains, in place. */
  public Model model() {
    return model;
  }

  /** The optimizer that updates the model's parameters. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The chapter's step on the batch {@code x} with targets {@code t}: the gradient, then the update. */
  public void take(Tensor x, Targets t) {
    computeGradient(x, t);
    update();
  }

  /**
   * The chapter's step, then the loss on the same batch with the updated parameters, the number
   * its loop records for the iteration.
   */
  public double takeReportingLossAfter(Tensor x, Targets t) {
    take(x, t);
    return model.loss(x, t);
  }

  /**
   * The gradient and the loss of one forward pass ({@link Model#lossAndGradient}), then the
   * update; returns that loss, taken before the update.
   */
  public double takeReportingLossBefore(Tensor x, Targets t) {
    double loss = model.lossAndGradient(x, t);
    update();
    return loss;
  }

  /**
   * The first half of a step: sets every parameter's gradient to that of the loss on {@code x}
   * against {@code t}. The parameters are unchanged until {@link #update}.
   */
  public void computeGradient(Tensor x, Targets t) {
    model.gradient(x, t);
  }

  /**
   * The second half of a step: the optimizer updates every parameter in place from its current
   * gradient, however it was set ({@link #computeGradient}, or a gradient averaged elsewhere and
   * set with {@link Parameter#setGrad}).
   *
   * @throws IllegalStateException naming the parameter if one has no gradient
   */
  public void update() {
    optimizer.step(parameters);
  }
}
