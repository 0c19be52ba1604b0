package io.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.DType;
import io.nabla.backend.Storage;
import org.junit.jupiter.api.Test;

/** Memory lent inside a workspace comes back on leaving and is lent again, zeroed. */
class WorkspaceTest {

  @Test
  void theSecondScopeReusesTheFirstScopesMemoryZeroed() {
    Workspace workspace = new Workspace();
    Storage first;
    try (Workspace.Scope scope = workspace.enter()) {
      Tensor t = Tensors.zeros(DType.FLOAT32, 3, 4);
      t.fill(7);
      first = t.storage();
      assertTrue(Workspace.isScoped(t));
    }
    try (Workspace.Scope scope = workspace.enter()) {
      Tensor again = Tensors.zeros(DType.FLOAT32, 12);
      assertSame(first, again.storage());
      assertArrayEquals(new float[12], again.toFloatArray());
      Tensor another = Tensors.zeros(DType.FLOAT32, 12); // the one free storage is lent: new memory
      assertNotSame(first, another.storage());
    }
  }

  @Test
  void whatIsAllocatedOutsideIsNeitherLentNorTakenBack() {
    Workspace workspace = new Workspace();
    Tensor kept;
    try (Workspace.Scope scope = workspace.enter()) {
      kept = Workspace.outside(() -> Tensors.zeros(DType.FLOAT64, 5));
      assertFalse(Workspace.isScoped(kept));
    }
    try (Workspace.Scope scope = workspace.enter()) {
      assertNotSame(kept.storage(), Tensors.zeros(DType.FLOAT64, 5).storage());
    }
    assertFalse(Workspace.isScoped(Tensors.zeros(DType.FLOAT64, 5)));
  }

  @Test
  void aSizeNoLongerAskedForIsLetGoAndItsMemoryClosed() {
    Workspace workspace = new Workspace();
    Storage once;
    try (Workspace.Scope scope = workspace.enter()) {
      once = Tensors.zeros(DType.FLOAT32, 7).storage();
    }
    Storage kept = null;
    for (int i = 0; i < 2 * Workspace.FORGET_AFTER; i++) {
      try (Workspace.Scope scope = workspace.enter()) {
        Storage now = Tensors.zeros(DType.FLOAT32, 3).storage();
        assertTrue(kept == null || kept == now, "a size in use keeps its storage");
        kept = now;
      }
    }
    try (Workspace.Scope scope = workspace.enter()) {
      assertNotSame(once, Tensors.zeros(DType.FLOAT32, 7).storage(), "the size-7 storage was let go");
    }
  }

  @Test
  void aWorkspaceServesOneScopeAtATimeAndNestsInsideAnother() {
    Workspace outer = new Workspace();
    Workspace inner = new Workspace();
    try (Workspace.Scope a = outer.enter()) {
      assertThrows(IllegalStateException.class, outer::enter);
      Tensor fromOuter = Tensors.zeros(DType.FLOAT32, 3);
      Tensor fromInner;
      try (Workspace.Scope b = inner.enter()) {
        fromInner = Tensors.zeros(DType.FLOAT32, 2);
        assertTrue(Workspace.isScoped(fromInner));
        // Memory the enclosing scope lent goes back when that scope is left: scoped here too.
        assertTrue(Workspace.isScoped(fromOuter));
        assertFalse(Workspace.outside(() -> Workspace.isScoped(fromOuter)));
      }
      assertFalse(Workspace.isScoped(fromInner)); // the outer workspace is active again
      assertTrue(Workspace.isScoped(Tensors.zeros(DType.FLOAT32, 2)));
    }
    outer.close();
    assertThrows(IllegalStateException.class, outer::enter);
  }
}
