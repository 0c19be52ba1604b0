package io.nabla.train;

import io.nabla.backend.Parallelism;
import java.util.ArrayDeque;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that scores the model beside training, on the core the training step leaves idle:
 * urgent tasks (the post-update loss that the next update waits for) run before background ones
 * (the batches of an epoch's evaluation), each task whole. Between tasks it polls for {@value
 * #SPIN_MICROS} microseconds before it parks: a loss arrives every step, about 100 us apart, and
 * waking a parked thread costs tens of microseconds. Tasks are {@link FutureTask}s: the training
 * thread may run an urgent one itself when this thread is busy (the task then runs once, on
 * whichever thread starts it first), and an exception stays in its task for whoever waits on it. {@link #close} drops the tasks not started and waits for
 * the one running, so nothing reads the model after training returns.
 */
final class ScoringThread implements AutoCloseable {

  /** How long the idle thread polls before it parks. */
  static final long SPIN_MICROS = 200;

  private final Object lock = new Object();
  private final ArrayDeque<FutureTask<?>> urgent = new ArrayDeque<>();
  private final ArrayDeque<FutureTask<?>> background = new ArrayDeque<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean parked;
  /** Bumped on every submission, read without the lock while polling. */
  private volatile long submitted;

  ScoringThread() {
    // Its kernels run on it alone: the other core is training.
    thread = new Thread(() -> Parallelism.callWithThreads(1, () -> {
      loop();
      return null;
    }), "nabla-scoring");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a task ahead of every background task. */
  void submitUrgent(FutureTask<?> task) {
    submit(urgent, task);
  }

  /** Queues a task to run when no urgent one is waiting. */
  void submitBackground(FutureTask<?> task) {
    submit(background, task);
  }

  private void submit(ArrayDeque<FutureTask<?>> queue, FutureTask<?> task) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the scoring thread is closed");
      }
      queue.add(task);
      submitted++;
    }
    if (parked) {
      LockSupport.unpark(thread);
    }
  }

  private FutureTask<?> poll() {
    synchronized (lock) {
      FutureTask<?> task = urgent.poll();
      return task != null ? task : background.poll();
    }
  }

  private void loop() {
    long idleSince = System.nanoTime();
    while (!closed) {
      long seen = submitted;
      FutureTask<?> task = poll();
      if (task != null) {
        task.run(); // a FutureTask keeps its own exception for whoever waits on it
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince < SPIN_MICROS * 1000) {
        Thread.onSpinWait();
      } else {
        parked = true;
        // Re-read after announcing: a submitter either sees parked (and unparks) or we see its task.
        if (submitted == seen && !closed) {
          LockSupport.park(this);
        }
        parked = false;
        idleSince = System.nanoTime();
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      for (FutureTask<?> task : urgent) {
        task.cancel(false);
      }
      for (FutureTask<?> task : background) {
        task.cancel(false);
      }
      urgent.clear();
      background.clear();
    }
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
