package io.nabla.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The worker threads behind {@link Parallelism#forEachPart}: daemon threads that, after a part,
 * keep polling for the next kernel for {@value #SPIN_MICROS} microseconds before they park. A
 * training step issues a product every few tens of microseconds; waking a parked thread costs
 * about as much (measured on the 2-core machines here: a [100, 784] x [784, 50] product took
 * longer on two threads of a fork-join pool than on one), so the workers stay awake between the
 * products of a step and sleep once training stops.
 *
 * <p>Parts are claimed from a shared counter by the caller and the workers alike, so the caller
 * never waits for a worker that has not started. One kernel at a time uses the workers: a second
 * caller, or a kernel started from inside a part, runs its parts on its own thread. Which thread
 * runs a part never changes its result: parts write disjoint outputs.
 */
final class SpinningWorkers {

  /** How long an idle worker polls before it parks. */
  static final long SPIN_MICROS = 200;

  private final Worker[] workers;
  private final ReentrantLock inUse = new ReentrantLock();
  /**
   * The kernel in progress, null between kernels; a new {@link Job} for each, so a worker that
   * was still claiming parts of the last one claims from that job's counter, never a part of the
   * next (with one shared job, a worker could read the next kernel's larger part count after its
   * last claim of the previous one and run a part twice).
   */
  private volatile Job current;
  /** Numbers the jobs, so that a worker remembers which it has seen without keeping it. */
  private long jobs;

  SpinningWorkers(int count) {
    workers = new Worker[count];
    for (int i = 0; i < count; i++) {
      workers[i] = new Worker(i);
      workers[i].start();
    }
  }

  /**
   * Runs {@code body} for every part below {@code parts} on the workers and the calling thread;
   * returns when all are done, rethrowing the first exception of any part.
   */
  void run(int parts, IntConsumer body) {
    if (Thread.currentThread() instanceof Worker || !inUse.tryLock()) {
      runHere(parts, body);
      return;
    }
    try {
      Job job = new Job(++jobs, parts, body);
      current = job;
      for (Worker w : workers) {
        if (w.parked) {
          LockSupport.unpark(w);
        }
      }
      job.work();
      while (job.unfinished.get() > 0) {
        Thread.onSpinWait();
      }
      current = null; // the body and what it holds are not kept until the next kernel
      job.rethrow();
    } finally {
      inUse.unlock();
    }
  }

  private static void runHere(int parts, IntConsumer body) {
    for (int part = 0; part < parts; part++) {
      body.accept(part);
    }
  }

  /** One kernel's parts: claimed one at a time from {@code next}, counted down in {@code unfinished}. */
  private static final class Job {
    final long id;
    private final int parts;
    private final IntConsumer body;
    private final AtomicInteger next = new AtomicInteger();
    final AtomicInteger unfinished;
    private volatile Throwable failure;

    Job(long id, int parts, IntConsumer body) {
      this.id = id;
      this.parts = parts;
      this.body = body;
      this.unfinished = new AtomicInteger(parts);
    }

    void work() {
      for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
        try {
          body.accept(part);
        } catch (Throwable t) {
          if (failure == null) {
            failure = t;
          }
        } finally {
          unfinished.decrementAndGet();
        }
      }
    }

    void rethrow() {
      Throwable t = failure;
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      if (t != null) {
        throw new IllegalStateException("a kernel part failed", t);
      }
    }
  }

  private final class Worker extends Thread {
    volatile boolean parked;

    Worker(int index) {
      super("nabla-kernel-" + index);
      setDaemon(true);
    }

    @Override
    public void run() {
      long seen = 0;
      long idleSince = System.nanoTime();
      while (true) {
        Job job = current;
        if (job != null && job.id != seen) {
          seen = job.id;
          job.work();
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_MICROS * 1000) {
          // Yield, not only pause: another thread of the program (the batch gatherer) may need
          // this core more than a worker waiting for work.
          Thread.yield();
        } else {
          parked = true;
          // Re-read after announcing: run() either sees parked (and unparks) or we see its job.
          Job waiting = current;
          if (waiting == null || waiting.id == seen) {
            LockSupport.park(this);
          }
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
