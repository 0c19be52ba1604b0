package io.nabla.layer;

import io.nabla.tensor.SeededRandom;
import java.util.Objects;

/**
 * Whether layers run as in training or as in evaluation, per thread: what PyTorch's {@code
 * module.train()} and {@code module.eval()} switch, here a scope as {@link
 * io.nabla.autograd.Autograd#noGrad()} is. Outside any scope a layer evaluates: {@link Dropout}
 * passes its input through. Inside {@link #on} a dropout layer draws its mask from the scope's
 * generator, so a seed gives the same masks. A model's gradient enters training mode by itself
 * ({@link io.nabla.model.SoftmaxClassifier}); its loss, accuracy and predictions evaluate, unless
 * the caller opened a scope.
 *
 * <pre>{@code
 * try (TrainingMode.Scope scope = TrainingMode.on(new SeededRandom(1))) {
 *   double loss = model.loss(x, t); // with the dropout masks a step would draw
 * }
 * }</pre>
 */
public final class TrainingMode {

  /** The generator of the current training scope; null while evaluating. */
  private static final ThreadLocal<SeededRandom> RANDOM = new ThreadLocal<>();

  private TrainingMode() {}

  /** Whether this thread runs layers as in training now. */
  public static boolean isOn() {
    return RANDOM.get() != null;
  }

  /**
   * The generator layers draw from in training (dropout's masks).
   *
   * @throws IllegalStateException outside a training scope
   */
  public static SeededRandom random() {
    SeededRandom random = RANDOM.get();
    if (random == null) {
      throw new IllegalStateException("no training scope is open on this thread: open one with TrainingMode.on");
    }
    return random;
  }

  /**
   * Runs layers as in training on this thread, drawing from {@code random}, until the returned
   * scope is closed, which restores the previous mode.
   */
  public static Scope on(SeededRandom random) {
    Objects.requireNonNull(random, "trainingMode: random is null");
    SeededRandom previous = RANDOM.get();
    RANDOM.set(random);
    return new Scope(previous);
  }

  /** Runs layers as in evaluation on this thread until the returned scope is closed. */
  public static Scope off() {
    SeededRandom previous = RANDOM.get();
    RANDOM.set(null);
    return new Scope(previous);
  }

  /** A scope that set the mode; closing it restores the mode as it was when the scope opened. */
  public static final class Scope implements AutoCloseable {
    private final SeededRandom previous;
    private boolean closed;

    private Scope(SeededRandom previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        // set, not remove: on JDK 17 a removal is a native call, and the next set makes a new entry
        RANDOM.set(previous);
      }
    }
  }
}
