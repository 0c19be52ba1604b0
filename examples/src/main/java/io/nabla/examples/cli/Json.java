package io.nabla.examples.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders maps, lists, strings, booleans and numbers as JSON. Doubles keep full precision
 * ({@link Double#toString} round-trips); NaN and infinities, which JSON lacks, become strings.
 */
final class Json {

  private Json() {}

  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> quote(String.valueOf(e.getKey())) + ": " + render(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Json::render).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof double[] array) {
      return java.util.Arrays.stream(array).mapToObj(Json::render).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? d.toString() : quote(d.toString());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return quote(value.toString());
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return sb.append('"').toString();
  }
}
