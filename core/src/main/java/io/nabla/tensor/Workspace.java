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

  /**
   * A pool's size. Its equals and hashCode are written out: a record's go through invokedynamic,
   * more for the JIT compiler to do on a training step's path while it shares the cores.
   */
  private static final class Key {
    Backend backend;
    DType dtype;
    int length;

    /** Sets this key; a key in the map is never set again (only the lookup key is reused). */
    Key set(Backend backend, DType dtype, int length) {
      this.backend = backend;
      this.dtype = dtype;
      this.length = length;
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.length == length && k.dtype == dtype && k.backend == backend;
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(backend) * 31 + dtype.ordinal()) * 31 + length;
    }
  }

  /** The storages of one size given back and free to lend, and the scope that last asked for the size. */
  private static final class Pool {
    final ArrayDeque<Owned> free = new ArrayDeque<>();
    long lastUse;
  }

  /**
   * A storage this workspace allocated, with its pool and its write count, kept across lends so
   * that {@link Tensor#version()} keeps counting (a tensor saved for a backward pass whose memory
   * was lent again reads as written).
   */
  static final class Owned {
    final Storage storage;
    final Pool pool;
    final WriteCount writes;

    private Owned(Storage storage, Pool pool) {
      this.storage = storage;
      this.pool = pool;
      this.writes = new WriteCount();
    }
  }

  private final Map<Key, Pool> pools = new HashMap<>();
  private final Key lookup = new Key(); // not a new key per allocation: a step makes several
  private final List<Owned> lent = new ArrayList<>();
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
  Owned allocate(Backend backend, DType dtype, int length, boolean zeroed) {
    Pool pool = pools.get(lookup.set(backend, dtype, length));
    if (pool == null) {
      pool = new Pool();
      pools.put(new Key().set(backend, dtype, length), pool);
    }
    pool.lastUse = scopes;
    Owned storage = pool.free.poll();
    if (storage != null) {
      storage.writes.count++; // lent again: whatever the new tensor writes is a write to it
      if (zeroed) {
        backend.fill(length, storage.storage, 0);
      }
    } else {
      storage = new Owned(backend.allocate(dtype, length), pool);
      owned.put(storage.storage, storage);
    }
    lent.add(storage);
    return storage;
  }

  private void leave(Workspace outer) {
    if (ACTIVE.get() != this) {
      throw new IllegalStateException("workspace: scopes closed out of order; close the inner one first");
    }
    for (int i = 0; i < lent.size(); i++) {
      Owned storage = lent.get(i);
      storage.pool.free.push(storage);
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
      for (Owned storage : pool.free) {
        owned.remove(storage.storage);
        storage.storage.close();
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
