package io.nabla.spark;

import java.util.Arrays;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * The kinds of features column Nabla reads: a Spark ML {@code Vector} (dense or sparse), {@code
 * array<float>} or {@code array<double>}; checked against a schema on the driver, before any job.
 */
enum FeatureColumn {
  /** {@code org.apache.spark.ml.linalg.Vector}, what {@code VectorAssembler} makes. */
  VECTOR,
  /** {@code array<float>}. */
  FLOAT_ARRAY,
  /** {@code array<double>}. */
  DOUBLE_ARRAY;

  /**
   * The kind of {@code column} in {@code schema}.
   *
   * @throws NablaDataException naming the column and its type (or the columns there are)
   */
  static FeatureColumn of(StructType schema, String column) {
    DataType type = typeOf(schema, "features", column);
    if (type instanceof VectorUDT) {
      return VECTOR;
    }
    if (type instanceof ArrayType array) {
      if (array.elementType() instanceof FloatType) {
        return FLOAT_ARRAY;
      }
      if (array.elementType() instanceof DoubleType) {
        return DOUBLE_ARRAY;
      }
    }
    throw new NablaDataException("features column '" + column + "' is " + type.simpleString()
        + "; expected a Spark ML Vector, array<float> or array<double>");
  }

  /**
   * Checks that {@code column} of {@code schema} is numeric.
   *
   * @throws NablaDataException naming the column and its type
   */
  static void checkLabel(StructType schema, String column) {
    DataType type = typeOf(schema, "label", column);
    if (!(type instanceof NumericType)) {
      throw new NablaDataException("label column '" + column + "' is " + type.simpleString()
          + "; expected a number (the class index 0, 1, ...)");
    }
  }

  private static DataType typeOf(StructType schema, String role, String column) {
    if (column == null || !Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new NablaDataException("there is no " + role + " column '" + column + "'; the columns are "
          + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(column).dataType();
  }

  /**
   * Copies one row's features into {@code dst} at {@code offset}, checking its length and that
   * every value is finite.
   *
   * @param value the column's value in the row (a {@code Vector} or a sequence of numbers)
   * @param where the column and row, for messages ({@code "features column 'f', row 3 of partition 1"})
   * @throws NablaDataException naming the column, row and value at fault
   */
  void read(Object value, int width, RowBuffer dst, String where) {
    if (value == null) {
      throw new NablaDataException(where + " is null");
    }
    if (this == VECTOR) {
      Vector v = (Vector) value;
      checkWidth(v.size(), width, where);
      double[] values = v.toArray();
      for (int i = 0; i < width; i++) {
        dst.put(i, finite(values[i], i, where));
      }
      return;
    }
    scala.collection.Seq<?> seq = (scala.collection.Seq<?>) value;
    checkWidth(seq.length(), width, where);
    scala.collection.Iterator<?> it = seq.iterator();
    for (int i = 0; i < width; i++) {
      Object element = it.next();
      if (element == null) {
        throw new NablaDataException(where + " has a null at index " + i);
      }
      dst.put(i, finite(((Number) element).doubleValue(), i, where));
    }
  }

  private static void checkWidth(int actual, int width, String where) {
    if (actual != width) {
      throw new NablaDataException(where + " has " + actual + " values; the net takes " + width);
    }
  }

  private static double finite(double value, int index, String where) {
    if (!Double.isFinite(value)) {
      throw new NablaDataException(where + " has " + value + " at index " + index + "; features must be finite");
    }
    return value;
  }
}
