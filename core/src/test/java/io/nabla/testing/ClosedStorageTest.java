package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.backend.Storage;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Closing off-heap storage ({@link DirectBufferStorage}) frees it at once, and a tensor over
 * closed storage fails with a clear {@link IllegalStateException} when core uses it again,
 * instead of reading freed memory and crashing the JVM.
 */
class ClosedStorageTest {

  private final Backend backend = new DirectBufferBackend();

  @Test
  void aTensorOverClosedStorageFailsClearlyWhenCoreUsesItAgain() {
    Tensor t = Tensors.of(backend, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, DType.FLOAT32, 3, 4);
    Tensor other = t.copy();
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24}, t.add(t).toDoubleArray());
    t.storage().close();
    Executable[] uses = {
      () -> t.add(t), () -> other.add(t), t::toDoubleArray, () -> t.getFlat(0), () -> t.setFlat(0, 1),
      () -> t.matmul(other.transpose()), t::softmax, t::copy, () -> t.on(ReferenceBackend.ORACLE),
      () -> other.assign(t)
    };
    for (int i = 0; i < uses.length; i++) {
      IllegalStateException e = assertThrows(IllegalStateException.class, uses[i], "use " + i + " after close");
      assertEquals("direct-buffer storage of 12 float32 elements was closed; it cannot be used again",
          e.getMessage(), "use " + i + " after close");
    }
    // The other tensor was only read from or failed before it was written: still intact.
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, other.toDoubleArray());
  }

  @Test
  void closingTwiceDoesNothingMore() {
    Storage s = backend.allocate(DType.FLOAT64, 5);
    s.close();
    s.close();
    assertTrue(((DirectBufferStorage) s).isClosed());
    assertEquals(5, s.length(), "the length stays readable, for messages");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.get(0));
    assertTrue(e.getMessage().contains("5 float64 elements was closed"), e.getMessage());
  }

  /**
   * 200 storages of 8 MB, each closed but kept reachable, so that only {@link Storage#close()}
   * can give their memory back: the JVM's count of direct-buffer memory must drop by each one's
   * 8 MB as it is closed, and allocation keeps working.
   */
  @Test
  void closingFreesTheMemoryAtOnce() {
    assumeTrue(DirectBufferStorage.FREES_AT_ONCE, "this JVM has no Unsafe.invokeCleaner to free buffers early");
    BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
    int length = 2 * 1024 * 1024;
    long bytes = 4L * length;
    List<Storage> kept = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Storage s = backend.allocate(DType.FLOAT32, length);
      s.set(length - 1, i);
      assertEquals(i, s.get(length - 1));
      long allocated = direct.getTotalCapacity();
      s.close();
      s.close();
      long freed = allocated - direct.getTotalCapacity();
      assertTrue(freed >= bytes, "cycle " + i + ": closing 8 MB freed " + freed + " bytes of direct memory");
      kept.add(s);
    }
    assertEquals(200, kept.size());
  }
}
