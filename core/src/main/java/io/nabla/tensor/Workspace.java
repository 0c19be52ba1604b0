package io.nabla.tensor;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.backend.Storage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Memory that a repeated computation reuses from one run to the next, as a training step does:
 * while a workspace is {@linkplain #enter() entered} on a thread, every tensor allocated there takes
 * a storage this workspace lent before and got back (zeroed again, unless the operation asking
 * writes every element), and leaving gives back every storage lent inside. The second step then runs in memory the first one warmed, where new heap
 * arrays would be cold in every cache; a step through automatic differentiation, which allocates
 * each intermediate tensor, gets the speed of hand-written code that keeps its buffers.
 *
 * <p>The rule that makes it safe: no tensor allocated inside may be used after leaving. Code that
 * must keep a tensor past the scope (a parameter's gradient, an optimizer's state) allocates it
 * {@link #outside}. Library code enters a workspace only where it controls every tensor made
 * inside (a model's gradient, a loss, an accuracy); results it returns are made outside.
 *
 * <p>One workspace serves one thread at a time; a thread may enter another one inside, and leaving
 * restores the outer one.
 */
public final class Workspace implements AutoCloseable {

  private static final ThreadLocal<Workspace> ACTIVE = new ThreadLocal<>();

  /**
   * Scopes after which a size not asked for is let go: long enough that a training step and the
   * loss between steps keep theirs, short enough that memory follows what a model is used for.
   */
  static final int FORGET_AFTER = 64;

  private record Key(Backend backend, DType dtype, int length) {}

  /** The storages of one size given back and free to lend, and the scope that last asked for the size. */
  private static final class Pool {
    final ArrayDeque<Storage> free = new ArrayDeque<>();
    long lastUse;
  }

  /**
   * What this workspace knows of a storage it allocated: its pool, and its write count, kept across
   * lends so that {@link Tensor#version()} keeps counting (a tensor saved for a backward pass whose
   * memory was lent again reads as written).
   */
  private record Owned(Pool pool, WriteCount writes) {}

  private final Map<Key, Pool> pools = new HashMap<>();
  private final List<Storage> lent = new ArrayList<>();
  private final Map<Storage, Owned> owned = new IdentityHashMap<>();
  private long scopes;
  private boolean entered;
  private boolean closed;
  /** The workspace that was active when this one was entered, while this one is. */
  private Workspace enclosing;

  /** Enters this workspace on the current thread until the returned scope is closed. */
  public Scope enter() {
    if (closed) {
      throw new IllegalStateException("workspace: entered after it was closed");
    }
    if (entered) {
      throw new IllegalStateException("workspace: already entered; a workspace serves one scope at a time");
    }
    entered = true;
    Workspace outer = ACTIVE.get();
    enclosing = outer;
    ACTIVE.set(this);
    return new Scope(this, outer);
  }

  /** The workspace entered on this thread, or null. */
  static Workspace active() {
    return ACTIVE.get();
  }

  /**
   * Runs {@code allocation} with no workspace entered on this thread, so that what it allocates
   * outlives the current scope.
   */
  public static <T> T outside(Supplier<T> allocation) {
    Workspace active = ACTIVE.get();
    if (active == null) {
      return allocation.get();
    }
    ACTIVE.set(null); // set, not remove: a removed entry costs a map insertion at the next get
    try {
      return allocation.get();
    } finally {
      ACTIVE.set(active);
    }
  }

  /** The write count of a storage this workspace lent. */
  WriteCount writesOf(Storage storage) {
    return owned.get(storage).writes();
  }

  /**
   * Whether {@code t}'s memory belongs to a workspace entered on this thread, the innermost or one
   * it is nested in (and so goes back to it when that scope is left).
   */
  public static boolean isScoped(Tensor t) {
    for (Workspace w = ACTIVE.get(); w != null; w = w.enclosing) {
      if (w.owned.containsKey(t.storage())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Storage of {@code length} elements: one given back earlier (zeroed again if {@code zeroed}),
   * or new memory the backend allocates (zero).
   */
  Storage allocate(Backend backend, DType dtype, int length, boolean zeroed) {
    Pool pool = pools.computeIfAbsent(new Key(backend, dtype, length), k -> new Pool());
    pool.lastUse = scopes;
    Storage storage = pool.free.poll();
    if (storage != null) {
      owned.get(storage).writes().count++; // lent again: whatever the new tensor writes is a write to it
      if (zeroed) {
        backend.fill(length, storage, 0);
      }
    } else {
      storage = backend.allocate(dtype, length);
      owned.put(storage, new Owned(pool, new WriteCount()));
    }
    lent.add(storage);
    return storage;
  }

  private void leave(Workspace outer) {
    if (ACTIVE.get() != this) {
      throw new IllegalStateException("workspace: scopes closed out of order; close the inner one first");
    }
    for (Storage storage : lent) {
      owned.get(storage).pool().free.push(storage);
    }
    lent.clear();
    entered = false;
    enclosing = null;
    scopes++;
    if (scopes % FORGET_AFTER == 0) {
      forgetUnused();
    }
    ACTIVE.set(outer);
  }

  /**
   * Lets go of the storages of every size no scope asked for in the last {@link #FORGET_AFTER}
   * scopes: a model scored on batches of ever new sizes keeps only what it still uses.
   */
  private void forgetUnused() {
    pools.values().removeIf(pool -> {
      if (pool.lastUse >= scopes - FORGET_AFTER) {
        return false;
      }
      for (Storage storage : pool.free) {
        owned.remove(storage);
        storage.close();
      }
      return true;
    });
  }

  /** Gives the memory back at once (where that means something: off the heap); unusable afterwards. */
  @Override
  public void close() {
    if (entered) {
      throw new IllegalStateException("workspace: closed while entered");
    }
    closed = true;
    for (Storage storage : owned.keySet()) {
      storage.close();
    }
    owned.clear();
    pools.clear();
  }

  /** An entered workspace; closing it leaves. */
  public static final class Scope implements AutoCloseable {
    private final Workspace workspace;
    private final Workspace outer;
    private boolean left;

    private Scope(Workspace workspace, Workspace outer) {
      this.workspace = workspace;
      this.outer = outer;
    }

    @Override
    public void close() {
      if (!left) {
        left = true;
        workspace.leave(outer);
      }
    }
  }
}
