package io.nabla.spark;

import io.nabla.backend.Backend;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * Turns one partition's rows (features, label) into a {@link Shard}, checking every value on the
 * way: a task function, run once per fit. Rows are named by their position in the partition.
 */
final class ShardBuilder implements Function2<Integer, Iterator<Row>, Iterator<Shard>> {

  private static final long serialVersionUID = 1L;

  private final NetSpec spec;
  private final FeatureColumn kind;
  private final String featuresCol;
  private final String labelCol;

  ShardBuilder(NetSpec spec, FeatureColumn kind, String featuresCol, String labelCol) {
    this.spec = spec;
    this.kind = kind;
    this.featuresCol = featuresCol;
    this.labelCol = labelCol;
  }

  @Override
  public Iterator<Shard> call(Integer partition, Iterator<Row> rows) {
    Backend backend = spec.backend();
    // Once per executor JVM: the kernels compile while the rows convert, not in the first round.
    backend.warmUp(spec.dtype());
    RowBuffer features = new RowBuffer(spec.dtype(), spec.inputSize());
    int[] labels = new int[64];
    int classes = spec.classes();
    while (rows.hasNext()) {
      Row row = rows.next();
      int index = features.rows();
      String where = "row " + index + " of partition " + partition;
      features.newRow();
      kind.read(row.get(0), spec.inputSize(), features, "features column '" + featuresCol + "', " + where);
      if (index == labels.length) {
        labels = Arrays.copyOf(labels, 2 * labels.length);
      }
      labels[index] = label(row.get(1), classes, "label column '" + labelCol + "', " + where);
    }
    int n = features.rows();
    return List.of(new Shard(partition, features.toTensor(backend), Arrays.copyOf(labels, n))).iterator();
  }

  /**
   * A label as a class index.
   *
   * @throws NablaDataException if it is null, not a whole number, or outside {@code [0, classes)}
   */
  static int label(Object value, int classes, String where) {
    if (value == null) {
      throw new NablaDataException(where + " is null");
    }
    double d = ((Number) value).doubleValue();
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw new NablaDataException(where + " is " + value + ", not a whole number (a class index)");
    }
    if (d < 0 || d >= classes) {
      throw new NablaDataException(where + " is " + value + ", outside [0, " + classes + "): the net has "
          + classes + " classes");
    }
    return (int) d;
  }
}
