package io.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The second core's queue: urgent work first, every task once, nothing left running after close. */
class ScoringThreadTest {

  private static FutureTask<Void> recording(List<String> log, String name) {
    return new FutureTask<>(() -> log.add(name), null);
  }

  @Test
  void urgentTasksOvertakeQueuedBackgroundTasks() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (ScoringThread thread = new ScoringThread()) {
      FutureTask<Void> blocker = new FutureTask<>(() -> {
        release.await();
        return null;
      });
      thread.submitBackground(blocker);
      FutureTask<Void> b1 = recording(log, "background 1");
      FutureTask<Void> b2 = recording(log, "background 2");
      FutureTask<Void> urgent = recording(log, "urgent");
      thread.submitBackground(b1);
      thread.submitBackground(b2);
      thread.submitUrgent(urgent);
      release.countDown();
      b2.get(10, TimeUnit.SECONDS);
      assertEquals(List.of("urgent", "background 1", "background 2"), log);
    }
  }

  @Test
  void aTaskTheCallerRunsFirstRunsOnceAndItsExceptionStaysInIt() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (ScoringThread thread = new ScoringThread()) {
      thread.submitBackground(new FutureTask<>(() -> {
        release.await();
        return null;
      }));
      FutureTask<Void> stolen = recording(log, "ran");
      thread.submitUrgent(stolen);
      stolen.run(); // the training thread's way of not waiting
      release.countDown();
      FutureTask<Integer> failing = new FutureTask<>(() -> {
        throw new IllegalArgumentException("bad batch");
      });
      thread.submitUrgent(failing);
      ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
      assertEquals("bad batch", e.getCause().getMessage());
      FutureTask<Void> after = recording(log, "after");
      thread.submitUrgent(after);
      after.get(10, TimeUnit.SECONDS);
      assertEquals(List.of("ran", "after"), log, "the failure did not stop the thread; the stolen task ran once");
    }
  }

  @Test
  void closeDropsWhatHasNotStartedAndWaitsForWhatHas() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    FutureTask<String> running = new FutureTask<>(() -> {
      started.countDown();
      Thread.sleep(200);
      return "finished";
    });
    FutureTask<Void> queued = new FutureTask<>(() -> { }, null);
    ScoringThread thread = new ScoringThread();
    thread.submitBackground(running);
    thread.submitBackground(queued);
    assertTrue(started.await(10, TimeUnit.SECONDS));
    thread.close();
    assertTrue(running.isDone(), "close waited for the running task");
    assertEquals("finished", running.get());
    assertTrue(queued.isCancelled());
    assertThrows(IllegalStateException.class, () -> thread.submitUrgent(new FutureTask<>(() -> { }, null)));
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("nabla-scoring") && t.isAlive()));
  }
}
