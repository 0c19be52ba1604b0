package io.nabla.examples.results;

import io.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the results' JSON data, so that the JSON reads in the order of the text. */
final class Fields {

  private Fields() {}

  /** A map of key, value pairs in the order given. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** The values as an unmodifiable list, which prints as {@code Arrays.toString} does. */
  static List<Double> list(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  /** A matrix as a list of its rows. */
  static List<double[]> rows(Tensor m) {
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < m.rows(); i++) {
      rows.add(m.sliceRows(i, i + 1).toDoubleArray());
    }
    return rows;
  }
}
