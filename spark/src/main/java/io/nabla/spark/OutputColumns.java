package io.nabla.spark;

import java.util.Arrays;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns scoring adds, in Spark's order: {@code rawPrediction} (the net's class scores
 * before softmax), {@code probability} (their softmax) and {@code prediction} (the class); a
 * column whose param is set to the empty string is left out, as in Spark ML.
 *
 * @param raw the raw prediction column, or empty
 * @param probability the probability column, or empty
 * @param prediction the prediction column, or empty
 */
record OutputColumns(String raw, String probability, String prediction) implements java.io.Serializable {

  /**
   * {@code schema} with the output columns appended.
   *
   * @throws NablaDataException naming a column that is already there
   */
  StructType appendTo(StructType schema) {
    StructType out = schema;
    out = append(out, raw, true);
    out = append(out, probability, true);
    return append(out, prediction, false);
  }

  private static StructType append(StructType schema, String name, boolean vector) {
    if (name.isEmpty()) {
      return schema;
    }
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new NablaDataException("output column '" + name + "' already exists in " + schema.simpleString()
          + "; set another name for it (or an empty one to leave it out)");
    }
    return schema.add(new StructField(name, vector ? new VectorUDT() : DataTypes.DoubleType, false,
        Metadata.empty()));
  }

  /** Whether no column is asked for. */
  boolean none() {
    return raw.isEmpty() && probability.isEmpty() && prediction.isEmpty();
  }
}
