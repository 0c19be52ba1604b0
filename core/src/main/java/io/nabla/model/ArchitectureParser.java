package io.nabla.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads an {@link Architecture}'s text, by recursive descent: {@code layers := layer (' '
 * layer)*}, {@code layer := name | name '(' arguments ')'}, the arguments integers separated by
 * commas or, for {@code residual}, layers. An error quotes the text and says at
 * which character what was expected.
 */
final class ArchitectureParser {

  /** The layers the text can name, for messages. */
  static final String KNOWN = "affine(N), "
      + Arrays.stream(Activation.values()).map(Activation::label).collect(Collectors.joining(", "))
      + ", residual(LAYERS), conv(FILTERS,SIZE[,STRIDE,PADDING]), maxpool(SIZE[,STRIDE]), avgpool(SIZE[,STRIDE]), dropout(P), batchnorm[(EPSILON)]";

  private final String text;
  private int at;
  private int nesting;

  ArchitectureParser(String text) {
    this.text = text == null ? "" : text;
  }

  Architecture parse() {
    Architecture net = layers();
    skipSpaces();
    if (at < text.length()) {
      throw error(text.charAt(at) == ')' ? "a ')' with no '(' before it" : "a layer name");
    }
    return net;
  }

  private Architecture layers() {
    List<LayerSpec> specs = new ArrayList<>();
    skipSpaces();
    while (at < text.length() && text.charAt(at) != ')') {
      specs.add(layer());
      skipSpaces();
    }
    if (specs.isEmpty()) {
      throw error("a layer (" + KNOWN + ")");
    }
    return new Architecture(specs);
  }

  private LayerSpec layer() {
    int start = at;
    String name = name();
    switch (name) {
      case "affine": {
        expect('(');
        int units = positiveInteger("affine's number of outputs");
        expect(')');
        return new LayerSpec.Affine(units);
      }
      case "residual": {
        expect('(');
        if (++nesting > Architecture.MAX_NESTING) {
          throw error("residual blocks nested at most " + Architecture.MAX_NESTING + " deep");
        }
        Architecture inner = layers();
        nesting--;
        expect(')');
        return new LayerSpec.Residual(inner);
      }
      case "conv": {
        expect('(');
        int filters = positiveInteger("conv's number of filters");
        expect(',');
        int size = positiveInteger("conv's filter size");
        int stride = 1;
        int padding = 0;
        if (next(',')) {
          stride = positiveInteger("conv's stride");
          expect(',');
          padding = integerAtLeastZero("conv's padding");
        }
        expect(')');
        return new LayerSpec.Conv(filters, size, stride, padding);
      }
      case "maxpool", "avgpool": {
        expect('(');
        int size = positiveInteger(name + "'s window size");
        int stride = next(',') ? positiveInteger(name + "'s stride") : size;
        expect(')');
        return name.equals("maxpool") ? new LayerSpec.MaxPool(size, stride) : new LayerSpec.AvgPool(size, stride);
      }
      case "batchnorm": {
        if (at < text.length() && text.charAt(at) == '(') {
          expect('(');
          double epsilon = positiveDecimal("batchnorm's epsilon");
          expect(')');
          return new LayerSpec.BatchNorm(epsilon);
        }
        return new LayerSpec.BatchNorm();
      }
      case "dropout": {
        expect('(');
        double p = probability("dropout's probability");
        expect(')');
        return new LayerSpec.Dropout(p);
      }
      default:
        for (Activation a : Activation.values()) {
          if (a.label().equals(name)) {
            if (at < text.length() && text.charAt(at) == '(') {
              throw error(name + " takes no arguments; a space or the end");
            }
            return new LayerSpec.Activation(a);
          }
        }
        at = start;
        throw error("a layer (" + KNOWN + "), not '" + name + "'");
    }
  }

  private String name() {
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    if (at == start) {
      throw error("a layer (" + KNOWN + ")");
    }
    return text.substring(start, at).toLowerCase(Locale.ROOT);
  }

  private int positiveInteger(String what) {
    return integer(what, 1, "a positive integer");
  }

  private int integerAtLeastZero(String what) {
    return integer(what, 0, "an integer of 0 or more");
  }

  /** A decimal number in [0, 1), such as {@code 0.5}. */
  private double probability(String what) {
    skipSpaces();
    int start = at;
    while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
      at++;
    }
    try {
      double p = Double.parseDouble(text.substring(start, at));
      if (p >= 0 && p < 1) {
        skipSpaces();
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    at = start;
    throw error(what + ", a number in [0, 1) such as 0.5");
  }

  /** A positive decimal number, such as {@code 0.00001} or {@code 1e-5}. */
  private double positiveDecimal(String what) {
    skipSpaces();
    int start = at;
    while (at < text.length() && (Character.isDigit(text.charAt(at)) || ".eE-+".indexOf(text.charAt(at)) >= 0)) {
      at++;
    }
    try {
      double v = Double.parseDouble(text.substring(start, at));
      if (v > 0 && Double.isFinite(v)) {
        skipSpaces();
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    at = start;
    throw error(what + ", a positive number such as 0.00001");
  }

  private int integer(String what, int least, String kind) {
    skipSpaces();
    int start = at;
    while (at < text.length() && Character.isDigit(text.charAt(at))) {
      at++;
    }
    try {
      int n = Integer.parseInt(text.substring(start, at));
      if (n >= least) {
        skipSpaces();
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    at = start;
    throw error(what + ", " + kind);
  }

  /** Takes {@code c} if it comes next. */
  private boolean next(char c) {
    skipSpaces();
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    skipSpaces();
    if (at >= text.length() || text.charAt(at) != c) {
      throw error("'" + c + "'");
    }
    at++;
    skipSpaces();
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String expected) {
    String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
    return new IllegalArgumentException("net '" + text + "': expected " + expected + " at character " + (at + 1)
        + ", found " + found);
  }
}
