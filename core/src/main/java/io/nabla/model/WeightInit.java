package io.nabla.model;

import java.util.Locale;
import java.util.Objects;

/**
 * How a net's initial weights are drawn, each from a normal distribution of mean 0: with one
 * standard deviation for every layer (the chapter's, 0.01), or scaled to each layer's number of
 * inputs n (an affine layer's inputs, a convolution's channels x filter height x width) as the
 * book's chapter 6 recommends: He's {@code sqrt(2 / n)} for ReLU nets, Xavier's {@code sqrt(1 /
 * n)} for sigmoid and tanh. Biases start at zero in every case. Written {@code normal(0.01)},
 * {@code he} or {@code xavier}.
 *
 * @param kind which rule
 * @param std the standard deviation of {@link Kind#NORMAL}; 0 for the others
 */
public record WeightInit(Kind kind, double std) {

  /** The rules. */
  public enum Kind {
    /** One standard deviation for every layer. */
    NORMAL,
    /** {@code sqrt(2 / n)}, n the layer's inputs (He et al.). */
    HE,
    /** {@code sqrt(1 / n)}, n the layer's inputs (Glorot and Bengio, as the book writes it). */
    XAVIER
  }

  /** The chapter's: {@code 0.01 * N(0, 1)} for every layer. */
  public static final WeightInit CHAPTER = normal(0.01);

  /** Checks the deviation. */
  public WeightInit {
    Objects.requireNonNull(kind, "weight init kind");
    if (kind == Kind.NORMAL ? !(std >= 0) || Double.isInfinite(std) : std != 0) {
      throw new IllegalArgumentException("weight init " + kind.name().toLowerCase(Locale.ROOT)
          + ": standard deviation " + std + (kind == Kind.NORMAL ? " must be finite and >= 0" : " must be 0"));
    }
  }

  /** Every weight from {@code N(0, std^2)}. */
  public static WeightInit normal(double std) {
    return new WeightInit(Kind.NORMAL, std);
  }

  /** He's {@code sqrt(2 / n)}. */
  public static WeightInit he() {
    return new WeightInit(Kind.HE, 0);
  }

  /** Xavier's {@code sqrt(1 / n)}. */
  public static WeightInit xavier() {
    return new WeightInit(Kind.XAVIER, 0);
  }

  /** The standard deviation of the weights of a layer with {@code inputs} inputs. */
  public double stdFor(int inputs) {
    return switch (kind) {
      case NORMAL -> std;
      case HE -> Math.sqrt(2.0 / inputs);
      case XAVIER -> Math.sqrt(1.0 / inputs);
    };
  }

  /** The text {@link #parse} reads: {@code normal(0.01)}, {@code he}, {@code xavier}. */
  public String label() {
    return kind == Kind.NORMAL ? "normal(" + std + ")" : kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code he}, {@code xavier}, {@code normal} (the chapter's 0.01) or {@code normal(STD)}.
   *
   * @throws IllegalArgumentException naming the text and what it may be
   */
  public static WeightInit parse(String text) {
    String t = Objects.requireNonNull(text, "weight init").trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "he":
        return he();
      case "xavier":
        return xavier();
      case "normal":
        return CHAPTER;
      default:
        if (t.startsWith("normal(") && t.endsWith(")")) {
          try {
            return normal(Double.parseDouble(t.substring(7, t.length() - 1)));
          } catch (NumberFormatException e) {
            // reported below
          }
        }
        throw new IllegalArgumentException("weight init '" + text + "': expected he, xavier, normal or normal(STD)"
            + " with STD a number >= 0");
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
