package io.nabla.spark;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.nabla.backend.Backends;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * One partition's rows as Nabla data: a features matrix [rows, inputs] on the training backend
 * and the class of each row. Built once per fit and cached by Spark in memory, as it is, so that
 * no round converts rows again. Spark serializes a cached block only to move it (a task reading a
 * block held by another executor): then the features travel as a plain array and become a
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

  /** The shard as arrays, for Java (and Kryo's Java) serialization. */
  private static final class Form implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int partition;
    private final String backend;
    private final DType dtype;
    private final int rows;
    private final int cols;
    private final float[] floats;
    private final double[] doubles;
    private final int[] labels;

    Form(Shard shard) {
      Tensor f = shard.features;
      partition = shard.partition;
      backend = f.backend().name();
      dtype = f.dtype();
      rows = f.dim(0);
      cols = f.dim(1);
      floats = dtype == DType.FLOAT32 ? f.toFloatArray() : null;
      doubles = dtype == DType.FLOAT64 ? f.toDoubleArray() : null;
      labels = shard.labels;
    }

    private Object readResolve() throws ObjectStreamException {
      Tensor f = Tensors.zeros(Backends.get(backend), dtype, rows, cols);
      if (floats != null) {
        f.storage().write(0, floats, 0, floats.length);
      } else {
        f.storage().write(0, doubles, 0, doubles.length);
      }
      return new Shard(partition, f, labels);
    }
  }
}
