// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.simd;

import io.nabla.backend.Parallelism;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 GEMM on the Vector API: {@code c = alpha * op(a) . op(b) + beta * c}, row-major.
 *
 * <p>C's columns, padded to whole vectors, are cut into strips of register tiles ({@link
 * GemmTiling}: 6 rows by 4 vectors where the machine has 32 vector registers, 6 by 2 where it has
 * 16, and narrower tiles for the last columns). The tiles read {@code alpha * op(b)} from a
 * zero-padded packed panel or, where b needs no scaling or transposing, straight from {@code b},
 * with only the columns past the last whole vector copied and padded: the forward product {@code
 * x . W} copies one vector's width of W instead of all of it. The last block of
 * rows, when m is not a multiple of the tile's rows, is copied into zero-padded scratch, so every
 * block runs the full tile. Each tile lands in a scratch block and is merged into C there, the
 * only place that sees the padded lanes and rows. Rows are split over the shared threads for large
 * products, and so are the depths of the panel while it is packed; a product deeper than {@link
 * #DEPTH_BLOCK} goes through every tile a block of depths at a time. Every element of C gets the
 * same fused multiply-adds in the same order of k whatever the tile, the thread count and the
 * blocks of depth, so results are bit-identical across all three. {@code
 * SimdDoubleGemm} is generated from this class (see its header): edit this one.
 */
final class SimdFloatGemm {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  /**
   * Below this many multiply-adds (m n k) a product stays on one thread: 2^18 per vector lane,
   * about 80 us of work for one core whatever the vector width; the system property {@code
   * nabla.simd.parallelThreshold} overrides it. Measured on a 2-core AMD EPYC, JDK 25, float32,
   * JMH: with 512-bit vectors the step's 784-wide products (about 2^22) alone ran faster on two
   * threads (100x784x50 61 -> 46 us), but the step that contains them ran slower (148 -> 172 us):
   * the second core must first fetch the weights the update just wrote and the new batch. On the
   * AVX2 path (-XX:UseAVX=2), where the same products take twice as long, the step gained (281 ->
   * 231 us). The evaluation's [1000, 784] products (2^25) gain everywhere. The rule holds for
   * both element types (JMH Gemm, m x 784 x 50 with m = 10, 25, 50, 100, split forced on and off,
   * same machine): with 8-lane float64 vectors splitting broke even up to m = 50 (2^21) and won at
   * m = 100 (154 -> 127 us); with 4 lanes (AVX2 path) it won from m = 25 (2^20; 63 -> 48 us).
   */
  static final long PARALLEL_THRESHOLD =
      Long.getLong("nabla.simd.parallelThreshold", (long) VL << 18);

  private static final int ROWS = GemmTiling.ROWS;

  /**
   * A product deeper than this is taken this many depths at a time, each block of depths through
   * every tile of the rows before the next, so that the block of the panel (1024 of its rows, as
   * wide as the padded columns) is read from memory once and then from the cache, where a
   * whole-depth tile streamed the whole panel once per block of rows (a convolution's weight
   * gradient, 30x25x57600 in SimpleConvNet, read its 7 MB panel five times). The accumulators
   * carry over between blocks unchanged, so the bits are those of one pass.
   */
  static final int DEPTH_BLOCK = 1024;

  /**
   * The most tiles a thread keeps between blocks of depth (each ROWS x 4 vectors: 96 KB in all at
   * 512 bits); a deep product with more tiles on a thread (a large C) takes the one-pass loop.
   */
  private static final int MAX_DEPTH_BLOCKED_TILES = 64;

  /**
   * Per-thread buffers: the packed panel (the caller's, which the product's threads fill and
   * read), the padded edge rows, the tile being merged and the tiles of a product taken by blocks
   * of depth, and the caller's panel layout for this product (read by the other threads, reused to
   * spare an allocation per product).
   */
  private static final class Scratch {
    float[] panel = new float[0];
    float[] edgeRows = new float[0];
    final float[] tile = new float[ROWS * 4 * VL];
    final Panels panels = new Panels();
    /** The tiles of a deep product between blocks of depth (the first block writes them whole). */
    float[][] sums = new float[0][];

    float[][] sums(int count) {
      if (sums.length < count) {
        float[][] grown = java.util.Arrays.copyOf(sums, count);
        for (int t = sums.length; t < count; t++) {
          grown[t] = new float[ROWS * 4 * VL];
        }
        sums = grown;
      }
      return sums;
    }
  }

  /**
   * What every tile's sums start from at depth 0 (read only). A tile reads its starting sums from
   * an array; zeroing a scratch tile before each one cost the float64 MLP step about 10 % (a
   * product 100 deep has one tile per 100 fused multiply-adds a lane).
   */
  private static final float[] ZEROS = new float[ROWS * 4 * VL];

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private SimdFloatGemm() {}

  /** The product with this JVM's tiling. */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    gemm(GemmTiling.current(), transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  /** The product with the given tiling (tests run every tiling on every machine). */
  static void gemm(GemmTiling tiling, boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      for (int i = 0; i < m * n; i++) {
        c[i] = beta == 0 ? 0 : beta * c[i];
      }
      return;
    }
    Scratch scratch = SCRATCH.get();
    Panels panels = scratch.panels.set(tiling, n, !transB && alpha == 1);
    int blocks = (m + ROWS - 1) / ROWS;
    int parts = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : Parallelism.partsFor(blocks, 2);
    if (!panels.direct) {
      panels.packed = scratch.panel = pack(transB, n, k, 0, panels.paddedWidth, alpha, b, scratch.panel, parts);
    } else if (panels.tailCol < n) {
      // Only the last, partial vector of columns needs padding: pack just those.
      panels.packed = scratch.panel = pack(false, n, k, panels.tailCol, VL, 1, b, scratch.panel, parts);
    }
    // Element (i, p) of op(a) is a[i * rowStride + p * depthStride].
    int rowStride = transA ? 1 : k;
    int depthStride = transA ? m : 1;
    if (parts == 1) {
      multiplyRows(panels, 0, m, n, k, a, rowStride, depthStride, b, beta, c, scratch);
      return;
    }
    Parallelism.forEachPart(parts, part -> {
      int from = (int) ((long) blocks * part / parts) * ROWS;
      int to = Math.min(m, (int) ((long) blocks * (part + 1) / parts) * ROWS);
      multiplyRows(panels, from, to, n, k, a, rowStride, depthStride, b, beta, c, SCRATCH.get());
    });
  }

  /**
   * Where the strips read their panel rows: in place from b ({@code direct}, when b needs no
   * scaling or transposing), except the vector of columns past the last whole vector, which comes
   * from a zero-padded copy; otherwise everything from one packed, zero-padded panel.
   */
  private static final class Panels {
    GemmTiling tiling;
    boolean direct;
    int paddedWidth;
    /** The first column of the partial last vector (n when there is none). */
    int tailCol;
    float[] packed;

    Panels set(GemmTiling tiling, int n, boolean direct) {
      this.tiling = tiling;
      this.direct = direct;
      this.paddedWidth = (n + VL - 1) / VL * VL;
      this.tailCol = n % VL == 0 ? n : n / VL * VL;
      this.packed = null;
      return this;
    }
  }

  /**
   * Columns {@code [from, from + width)} of {@code alpha * op(b)} as a zero-padded [k, width]
   * row-major panel, in {@code buffer} when it is large enough, else in a new array; its depths
   * split over {@code parts} threads when the product's rows are: the copy is scalar, and on one
   * thread a deep transposed panel took most of a convolution's weight gradient (30x25x57600 in
   * SimpleConvNet: 2.9 ms with the packing on one thread, 1.2 ms with it split and the product
   * taken by blocks of depth).
   */
  private static float[] pack(boolean transB, int n, int k, int from, int width, float alpha,
      float[] b, float[] buffer, int parts) {
    float[] panel = buffer.length >= k * width ? buffer : new float[k * width];
    if (parts == 1) {
      pack(transB, n, k, from, width, alpha, b, panel, 0, k);
    } else {
      Parallelism.forEachPart(parts, part -> pack(transB, n, k, from, width, alpha, b, panel,
          (int) ((long) k * part / parts), (int) ((long) k * (part + 1) / parts)));
    }
    return panel;
  }

  /** Depths {@code [p0, p1)} of the panel {@link #pack} describes. */
  private static void pack(boolean transB, int n, int k, int from, int width, float alpha,
      float[] b, float[] panel, int p0, int p1) {
    int cols = Math.min(width, n - from);
    for (int p = p0; p < p1; p++) {
      int row = p * width;
      if (transB) {
        for (int j = 0; j < cols; j++) {
          panel[row + j] = alpha * b[(from + j) * k + p];
        }
      } else {
        int src = p * n + from;
        for (int j = 0; j < cols; j++) {
          panel[row + j] = alpha * b[src + j];
        }
      }
      for (int j = cols; j < width; j++) {
        panel[row + j] = 0;
      }
    }
  }

  /**
   * Rows {@code [from, to)} of C: for each block of depths (the whole depth, or {@link
   * #DEPTH_BLOCK} at a time for a deep product whose tiles on this thread are few enough to keep),
   * for each block of rows, every strip of columns; a tile is merged into C after its last block.
   */
  private static void multiplyRows(Panels panels, int from, int to, int n, int k, float[] a,
      int rowStride, int depthStride, float[] b, float beta, float[] c, Scratch scratch) {
    int vectors = panels.paddedWidth / VL;
    int strips = strips(panels);
    int tiles = (to - from + ROWS - 1) / ROWS * strips;
    boolean byDepth = k > DEPTH_BLOCK && tiles <= MAX_DEPTH_BLOCKED_TILES;
    // By depth, every tile's sums are kept until the last block; else one tile at a time.
    float[][] sums = byDepth ? scratch.sums(tiles) : null;
    int depthBlock = byDepth ? DEPTH_BLOCK : k;
    int whole = from + (to - from) / ROWS * ROWS;
    // The last, partial block of rows, copied once into zero-padded scratch.
    float[] edge = whole < to ? edgeRows(a, whole, to - whole, k, rowStride, depthStride, scratch) : null;
    for (int p0 = 0; p0 < k; p0 += depthBlock) {
      int depth = Math.min(depthBlock, k - p0);
      boolean last = p0 + depth == k;
      for (int i = from, block = 0; i < to; i += ROWS, block++) {
        boolean partial = i == whole;
        float[] rows = partial ? edge : a;
        int ap = partial ? p0 : i * rowStride + p0 * depthStride;
        int rs = partial ? k : rowStride;
        int ds = partial ? 1 : depthStride;
        int width;
        for (int col = 0, left = vectors, strip = 0; left > 0; col += width, left -= width / VL, strip++) {
          width = panels.tiling.nextStrip(left) * VL;
          float[] tile = byDepth ? sums[block * strips + strip] : scratch.tile;
          tile(panels, width, rows, ap, rs, ds, p0, depth, col, n, b, p0 == 0 ? ZEROS : tile, tile);
          if (last) {
            writeBack(tile, Math.min(ROWS, to - i), width, i, col, n, beta, c);
          }
        }
      }
    }
  }

  /** How many strips of tiles cover the padded columns. */
  private static int strips(Panels panels) {
    int strips = 0;
    for (int left = panels.paddedWidth / VL; left > 0; left -= panels.tiling.nextStrip(left)) {
      strips++;
    }
    return strips;
  }

  /**
   * The tile {@code width} wide at column {@code col}, depths {@code [p0, p0 + depth)} (the rows
   * of op(a) from {@code ap} on, already at depth p0), added to {@code start} into {@code tile}:
   * its panel rows in place from b or from the packed panel, as {@link Panels} says.
   */
  private static void tile(Panels panels, int width, float[] rows, int ap, int rs, int ds, int p0,
      int depth, int col, int n, float[] b, float[] start, float[] tile) {
    int lastCol = col + width - VL;
    if (!panels.direct) {
      int row = p0 * panels.paddedWidth;
      tile(width / VL, rows, ap, rs, ds, depth, panels.packed, row + col, panels.paddedWidth,
          panels.packed, row + lastCol, panels.paddedWidth, start, tile);
    } else if (lastCol < panels.tailCol) {
      tile(width / VL, rows, ap, rs, ds, depth, b, p0 * n + col, n, b, p0 * n + lastCol, n, start, tile);
    } else {
      tile(width / VL, rows, ap, rs, ds, depth, b, p0 * n + col, n, panels.packed, p0 * VL, VL, start, tile);
    }
  }

  /** The tile {@code vectors} wide (see {@link SimdFloatTiles} for the two panel sources). */
  private static void tile(int vectors, float[] a, int ap, int rowStride, int depthStride, int k,
      float[] b, int bp, int bStride, float[] last, int lp, int lastStride, float[] start, float[] tile) {
    switch (vectors) {
      case 4:
        SimdFloatTiles.tile6x4(a, ap, rowStride, depthStride, k, b, bp, bStride, last, lp,
            lastStride, start, tile);
        break;
      case 2:
        SimdFloatTiles.tile6x2(a, ap, rowStride, depthStride, k, b, bp, bStride, last, lp,
            lastStride, start, tile);
        break;
      default:
        SimdFloatTiles.tile6x1(a, ap, rowStride, depthStride, k, last, lp, lastStride, start, tile);
        break;
    }
  }

  /**
   * Rows {@code [i, i + count)} of op(a) copied into a zero-padded [ROWS, k] block, so that the
   * last, partial block of rows runs the same tiles as the others.
   */
  private static float[] edgeRows(float[] a, int i, int count, int k, int rowStride,
      int depthStride, Scratch scratch) {
    if (scratch.edgeRows.length < ROWS * k) {
      scratch.edgeRows = new float[ROWS * k];
    }
    float[] edge = scratch.edgeRows;
    for (int r = 0; r < ROWS; r++) {
      int base = (i + r) * rowStride;
      for (int p = 0; p < k; p++) {
        edge[r * k + p] = r < count ? a[base + p * depthStride] : 0;
      }
    }
    return edge;
  }

  /**
   * {@code c[i + r, j + l] = tile[r, l] + beta * c[i + r, j + l]} for the tile's rows and the
   * columns below n: the padded lanes past n are dropped here, the only place that sees them.
   */
  private static void writeBack(
      float[] tile, int rows, int width, int i, int j, int n, float beta, float[] c) {
    int cols = Math.min(width, n - j);
    int whole = cols / VL * VL;
    for (int r = 0; r < rows; r++) {
      int at = (i + r) * n + j;
      int from = r * width;
      int l = 0;
      for (; l < whole; l += VL) {
        FloatVector v = FloatVector.fromArray(S, tile, from + l);
        if (beta != 0) {
          v = FloatVector.fromArray(S, c, at + l).fma(FloatVector.broadcast(S, beta), v);
        }
        v.intoArray(c, at + l);
      }
      for (; l < cols; l++) {
        c[at + l] = beta == 0 ? tile[from + l] : Math.fma(beta, c[at + l], tile[from + l]);
      }
    }
  }
}
