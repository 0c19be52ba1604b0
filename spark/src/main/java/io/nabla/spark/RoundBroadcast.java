package io.nabla.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A value broadcast for one round and destroyed when the round ends: on every executor and the
 * driver, waiting until it is gone, so a fit of many rounds leaves no broadcast behind (each one
 * holds a copy of the parameters; Spark frees an undestroyed one only when the JVM's garbage
 * collector happens to let it).
 */
final class RoundBroadcast<T> implements AutoCloseable {

  private final Broadcast<T> handle;

  RoundBroadcast(JavaSparkContext sc, T value) {
    this.handle = sc.broadcast(value);
  }

  /** What tasks read the value through. */
  Broadcast<T> handle() {
    return handle;
  }

  @Override
  public void close() {
    handle.destroy(true);
  }
}
