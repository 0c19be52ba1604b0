package io.nabla.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A thread can own fewer kernel threads than the JVM setting, without touching other threads. */
class ParallelismTest {

  @AfterEach
  void clear() {
    Parallelism.setThreads(0);
  }

  @Test
  void callWithThreadsBoundsThisThreadOnlyAndRestoresTheCount() throws InterruptedException {
    Parallelism.setThreads(4);
    AtomicInteger otherThread = new AtomicInteger();
    int inside = Parallelism.callWithThreads(1, () -> {
      Thread other = new Thread(() -> otherThread.set(Parallelism.threads()));
      other.start();
      try {
        other.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      int nested = Parallelism.callWithThreads(3, Parallelism::threads);
      assertEquals(3, nested);
      return Parallelism.threads();
    });
    assertEquals(1, inside);
    assertEquals(4, otherThread.get(), "another thread keeps the JVM-wide count");
    assertEquals(4, Parallelism.threads(), "restored after the call");
    assertThrows(IllegalStateException.class, () -> Parallelism.callWithThreads(2, () -> {
      throw new IllegalStateException("boom");
    }));
    assertEquals(4, Parallelism.threads(), "restored after an exception too");
    assertThrows(IllegalArgumentException.class, () -> Parallelism.callWithThreads(0, () -> 0));
  }

  @Test
  void withOneThreadEveryPartRunsOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    AtomicInteger elsewhere = new AtomicInteger();
    Parallelism.callWithThreads(1, () -> {
      Parallelism.forEachPart(4, part -> {
        if (Thread.currentThread() != caller) {
          elsewhere.incrementAndGet();
        }
      });
      return null;
    });
    assertEquals(0, elsewhere.get());
  }

  /**
   * Kernels of few and of many parts, one after another as a training step issues them: every
   * part of every kernel runs exactly once, and forEachPart returns only when all have. (With one
   * job object shared from kernel to kernel, a worker could read the next kernel's larger part
   * count after its last claim of the previous one, and run one of its parts twice.)
   */
  @Test
  void everyPartRunsExactlyOnceAcrossKernelsOfDifferentSizes() {
    Parallelism.setThreads(6);
    for (int kernel = 0; kernel < 200_000; kernel++) {
      int parts = kernel % 2 == 0 ? 2 : 6;
      AtomicInteger[] runs = new AtomicInteger[parts];
      for (int p = 0; p < parts; p++) {
        runs[p] = new AtomicInteger();
      }
      Parallelism.forEachPart(parts, part -> runs[part].incrementAndGet());
      for (int p = 0; p < parts; p++) {
        assertEquals(1, runs[p].get(), "kernel " + kernel + " part " + p + " of " + parts);
      }
    }
  }
}
