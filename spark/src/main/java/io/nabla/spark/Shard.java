package io.nabla.spark;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.nabla.backend.Backends;
import io.nabla.backend.Storage;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * One partition's rows as Nabla data: a features matrix [rows, inputs] on the training backend
 * and the class of each row. Built once per fit and cached by Spark in memory, as it is, so that
 * no round converts rows again. Spark serializes a cached block only to move it (a task reading a
 * block held by another executor): then the features travel as heap storage and become a
 * tensor again on arrival, with Java serialization and, through the annotation, with Kryo too.
 */
@DefaultSerializer(JavaSerializer.class)
final class Shard implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int partition;
  private final transient Tensor features;
  private final int[] labels;

  Shard(int partition, Tensor features, int[] labels) {
    this.partition = partition;
    this.features = features;
    this.labels = labels;
  }

  /** The Spark partition these rows came from. */
  int partition() {
    return partition;
  }

  /** The features, [rows, inputs]. */
  Tensor features() {
    return features;
  }

  /** The class of each row; the array itself, not to be modified. */
  int[] labels() {
    return labels;
  }

  /** The number of rows. */
  int rows() {
    return labels.length;
  }

  private Object writeReplace() throws ObjectStreamException {
    return new Form(this);
  }

  /** The shard as heap storage and arrays, for Java (and Kryo's Java) serialization. */
  private static final class Form implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int partition;
    private final String backend;
    private final int rows;
    private final int cols;
    private final Storage features;
    private final int[] labels;

    Form(Shard shard) {
      Tensor f = shard.features;
      partition = shard.partition;
      backend = f.backend().name();
      rows = f.dim(0);
      cols = f.dim(1);
      // A copy: the tensor's own storage need not be on the heap, nor serializable.
      features = Storage.heap(f.dtype(), f.size());
      features.copyFrom(f.storage(), 0, 0, f.size());
      labels = shard.labels;
    }

    private Object readResolve() throws ObjectStreamException {
      Tensor f = Tensors.zeros(Backends.get(backend), features.dtype(), rows, cols);
      f.storage().copyFrom(features, 0, 0, features.length());
      return new Shard(partition, f, labels);
    }
  }
}
