package io.nabla.backend.simd;

/**
 * The register tiles the SIMD GEMM computes C with, chosen from the size of the register file so
 * that a tile's accumulators, its panel vectors and one broadcast all stay in registers (a tile
 * that does not fit spills to the stack on every step of k).
 *
 * <p>C's columns, padded to whole vectors, are cut into strips: as many of the main tile's width
 * as fit, then the narrower tiles for what is left. Every tile is 6 rows high. Every tile computes each element of C with the same fused multiply-adds
 * in the same order of k, so the choice of tiles never changes a result's bits.
 */
enum GemmTiling {

  /** For 32 registers: 6 rows x 4 vectors (24 accumulators + 4 panel vectors + 1 broadcast). */
  WIDE(4, "6x4 (24 accumulators + 4 panel vectors + 1 broadcast = 29 registers),"
      + " edge tiles 6x2 and 6x1"),

  /** For 16 registers: 6 rows x 2 vectors (12 accumulators + 2 panel vectors + 1 broadcast). */
  NARROW(2, "6x2 (12 accumulators + 2 panel vectors + 1 broadcast = 15 registers),"
      + " edge tile 6x1");

  /** The system property that overrides the choice: {@code wide} or {@code narrow}. */
  static final String PROPERTY = "nabla.simd.tiling";

  private final int mainVectors;
  private final String shape;

  GemmTiling(int mainVectors, String shape) {
    this.mainVectors = mainVectors;
    this.shape = shape;
  }

  /** The tiling this JVM uses: the property if set, else the one the register file holds. */
  static GemmTiling current() {
    return Holder.CURRENT;
  }

  private static final class Holder {
    static final GemmTiling CURRENT = choose(System.getProperty(PROPERTY), RegisterFile.current());
  }

  /**
   * The tiling named by {@code override} (case-insensitive), or, when that is null or blank, the
   * widest one whose main tile fits {@code registers}.
   *
   * @throws IllegalArgumentException naming the property if {@code override} names no tiling
   */
  static GemmTiling choose(String override, RegisterFile registers) {
    if (override != null && !override.isBlank()) {
      for (GemmTiling t : values()) {
        if (t.name().equalsIgnoreCase(override.trim())) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          PROPERTY + " must be 'wide' or 'narrow', got '" + override + "'");
    }
    return registers.count() >= 32 ? WIDE : NARROW;
  }

  /**
   * The width in vectors of the next strip when {@code remaining} padded column vectors of C are
   * left: the main tile's while it fits, then a 2-vector tile, then a 1-vector tile.
   */
  int nextStrip(int remaining) {
    return remaining >= mainVectors ? mainVectors : remaining >= 2 ? 2 : 1;
  }

  /** Rows of every tile: 6, so one block of rows serves all the strips of a row of tiles. */
  static final int ROWS = 6;

  /** One line for diagnostics: the tile and why it was chosen. */
  String describe() {
    String why = System.getProperty(PROPERTY) != null && !System.getProperty(PROPERTY).isBlank()
        ? "set by -D" + PROPERTY
        : RegisterFile.current().reason();
    return "GEMM tile " + shape + "; " + why;
  }
}
