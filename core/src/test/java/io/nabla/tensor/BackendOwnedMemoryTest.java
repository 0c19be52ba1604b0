package io.nabla.tensor;

import io.nabla.backend.DType;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.HeapStorage;
import io.nabla.model.TwoLayerNet;
import io.nabla.testing.DirectBufferBackend;
import io.nabla.testing.ReferenceBackend;
import org.junit.jupiter.api.Test;

/** Tensors live in memory their backend owns, move between backends explicitly, and never mix. */
class BackendOwnedMemoryTest {

  private final Backend heap = Backends.get(ReferenceBackend.NAME);
  private final Backend direct = new DirectBufferBackend();

  @Test
  void aTensorIsStoredWhereItsBackendAllocatesAndHeapKernelsCannotReachOffHeapData() {
    Tensor t = Tensors.zeros(direct, DType.FLOAT32, 2, 3);
    assertEquals("DirectBufferStorage", t.storage().getClass().getSimpleName());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> HeapStorage.floats(t.storage()));
    assertTrue(e.getMessage().contains("6 float32 elements") && e.getMessage().contains("DirectBufferStorage"),
        e.getMessage());
  }

  @Test
  void movingSharesStorageBetweenHeapBackendsAndCopiesIntoOtherMemory() {
    Tensor onHeap = Tensors.vector(heap, DType.FLOAT64, 1, 2, 3);
    Tensor offHeap = onHeap.on(direct);
    assertFalse(offHeap.sharesStorageWith(onHeap), "a copy into the direct buffer");
    assertEquals(direct, offHeap.backend());
    offHeap.setFlat(0, 9);
    assertEquals(1, onHeap.getFlat(0), "the copy is independent");
    Tensor back = offHeap.on(heap);
    assertEquals(9, back.getFlat(0));
    Backend otherHeap = new ReferenceBackend();
    assertTrue(onHeap.on(otherHeap).sharesStorageWith(onHeap), "heap to heap is free");
  }

  @Test
  void anOperationOnTensorsOfTwoBackendsNamesBoth() {
    Tensor a = Tensors.vector(heap, DType.FLOAT32, 1, 2);
    Tensor b = Tensors.vector(direct, DType.FLOAT32, 3, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
    assertTrue(e.getMessage().startsWith("add: tensors of two backends: float32[2] on 'reference' and"
        + " float32[2] on 'direct-buffer'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.matmul(b.reshape(2, 1)));
    assertThrows(IllegalArgumentException.class, () -> a.addi(b));
  }

  @Test
  void aBuilderToldItsBackendNeverConsultsTheCurrentOne() {
    String saved = System.getProperty(Backends.PROPERTY);
    System.setProperty(Backends.PROPERTY, "no-such-backend");
    try {
      assertThrows(IllegalArgumentException.class, Backends::current, "the current backend is unusable");
      TwoLayerNet net = assertDoesNotThrow(
          () -> TwoLayerNet.builder(4, 3, 2).seed(1).backend(direct).build());
      net.parameters().forEach(p -> assertEquals(direct, p.value().backend(), p.name()));
      assertDoesNotThrow(() -> Tensors.randomNormal(direct, new SeededRandom(1), 0, 1, DType.FLOAT32, 2, 2));
    } finally {
      if (saved == null) {
        System.clearProperty(Backends.PROPERTY);
      } else {
        System.setProperty(Backends.PROPERTY, saved);
      }
    }
  }
}
