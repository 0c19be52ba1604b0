// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.simd;

import io.nabla.backend.ConvGeometry;
import io.nabla.backend.Parallelism;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A convolution at stride 1 without the im2col matrix (the backend's {@link
 * io.nabla.backend.Backend#convolve}). Each image is copied into a zero frame of the padding; then,
 * in that padded image, the window element (c, i, j) of every output position of a row lies at one
 * offset from the position, so a vector of consecutive positions reads a vector of consecutive
 * pixels. The outputs are computed for every position of the padded rows, each row as wide as the
 * padded image (its last {@code kernelWidth - 1} positions are no window and are dropped), in
 * register tiles of {@link GemmTiling#ROWS} filters by the GEMM's strip of vectors, and the
 * windows' outputs are copied to their place in [batch, filters, outHeight, outWidth] with the
 * bias added. Each output is the GEMM's chain of fused multiply-adds over the window in the order
 * of im2col's rows, from zero, then the bias added: the bits of the composed convolution (im2col,
 * {@link SimdFloatGemm}, the bias add), at a fraction of its memory traffic. Images are split over
 * the shared threads for large convolutions. {@code SimdDoubleConvolution} is generated from this
 * file: edit this one.
 */
final class SimdFloatConvolution {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();
  private static final int ROWS = GemmTiling.ROWS;

  /**
   * One thread's padded image and the outputs of one block of filters over its padded rows; and,
   * for the convolutions it calls, the filters padded to whole blocks (read by the other threads).
   */
  private static final class Scratch {
    float[] image = new float[0];
    float[] wide = new float[0];
    float[] weights = new float[0];

    /** {@code count} filters of {@code size} elements as [blocks * ROWS, size], the rest zero. */
    float[] paddedWeights(float[] from, int count, int size, int blocks) {
      int length = blocks * ROWS * size;
      if (weights.length < length) {
        weights = new float[length];
      }
      System.arraycopy(from, 0, weights, 0, count * size);
      java.util.Arrays.fill(weights, count * size, length, 0);
      return weights;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * The most elements of one thread's padded image or block of outputs (64 MB of float32): larger
   * images take the composed convolution, whose im2col matrix is larger still.
   */
  private static final long MAX_SCRATCH = 1 << 24;

  private SimdFloatConvolution() {}

  /** The convolution with this JVM's tiling. */
  static boolean convolve(ConvGeometry g, int filters, float[] images, float[] weights, float[] bias,
      float[] out) {
    return convolve(GemmTiling.current(), g, filters, images, weights, bias, out);
  }

  /**
   * Convolves as {@link io.nabla.backend.Backend#convolve} says, with the given tiling (tests run
   * both on every machine), if {@code g}'s stride is 1 and one image's scratch stays within {@link
   * #MAX_SCRATCH}; returns whether it did (if not, nothing is written).
   */
  static boolean convolve(GemmTiling tiling, ConvGeometry g, int filters, float[] images,
      float[] weights, float[] bias, float[] out) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    if (g.stride() != 1 || g.channels() == 0) {
      return false; // strided windows are not runs of consecutive pixels
    }
    if (g.batch() == 0 || filters == 0 || oh == 0 || ow == 0) {
      return true; // nothing to write
    }
    int pw = g.width() + 2 * g.padding();
    int ph = g.height() + 2 * g.padding();
    long paddedImage = (long) g.channels() * ph * pw;
    long wideRows = (long) oh * pw + 4L * VL; // a block's outputs over the padded rows, and a tile more
    if (paddedImage + wideRows > MAX_SCRATCH || ROWS * wideRows > MAX_SCRATCH) {
      return false;
    }
    int windowSize = g.windowSize();
    int[] offsets = new int[windowSize];
    for (int c = 0, k = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kernelHeight(); i++) {
        for (int j = 0; j < g.kernelWidth(); j++) {
          offsets[k++] = (c * ph + i) * pw + j;
        }
      }
    }
    int vectors = tiling.nextStrip(4); // the main tile: 4 vectors for 32 registers, 2 for 16
    int tileWidth = vectors * VL;
    int tiles = (oh * pw + tileWidth - 1) / tileWidth;
    int wideLength = tiles * tileWidth;
    // Every tile's last read lies below this: past the image, zeros.
    int imageLength = Math.max((int) paddedImage, wideLength + offsets[windowSize - 1]);
    int blocks = (filters + ROWS - 1) / ROWS;
    float[] paddedWeights = SCRATCH.get().paddedWeights(weights, filters, windowSize, blocks);
    Plan plan = new Plan(g, filters, pw, offsets, vectors, tiles, wideLength, imageLength, blocks);
    long work = (long) filters * g.windows() * windowSize;
    int parts = work < SimdFloatGemm.PARALLEL_THRESHOLD ? 1 : Parallelism.partsFor(g.batch(), 1);
    if (parts == 1) {
      convolveImages(plan, 0, g.batch(), images, paddedWeights, bias, out);
    } else {
      Parallelism.forEachPart(parts, part -> convolveImages(plan,
          (int) ((long) g.batch() * part / parts), (int) ((long) g.batch() * (part + 1) / parts),
          images, paddedWeights, bias, out));
    }
    return true;
  }

  /** The sizes one convolution's threads share. */
  private record Plan(ConvGeometry g, int filters, int paddedWidth, int[] offsets, int vectors,
      int tiles, int wideLength, int imageLength, int blocks) {}

  /** Images {@code [from, to)}: each padded, then every block of filters over it. */
  private static void convolveImages(Plan plan, int from, int to, float[] images, float[] weights,
      float[] bias, float[] out) {
    ConvGeometry g = plan.g();
    Scratch scratch = SCRATCH.get();
    if (scratch.image.length < plan.imageLength()) {
      scratch.image = new float[plan.imageLength()];
    }
    if (scratch.wide.length < ROWS * plan.wideLength()) {
      scratch.wide = new float[ROWS * plan.wideLength()];
    }
    float[] image = scratch.image;
    float[] wide = scratch.wide;
    // The frame and what lies past the image stay zero: each image writes only its own pixels.
    java.util.Arrays.fill(image, 0, plan.imageLength(), 0);
    int pw = plan.paddedWidth();
    int p = g.padding();
    int ph = g.height() + 2 * p;
    int windowSize = g.windowSize();
    int tileWidth = plan.vectors() * VL;
    int oh = g.outHeight();
    int ow = g.outWidth();
    for (int n = from; n < to; n++) {
      for (int c = 0; c < g.channels(); c++) {
        for (int y = 0; y < g.height(); y++) {
          System.arraycopy(images, ((n * g.channels() + c) * g.height() + y) * g.width(),
              image, (c * ph + y + p) * pw + p, g.width());
        }
      }
      for (int block = 0; block < plan.blocks(); block++) {
        int ap = block * ROWS * windowSize;
        for (int t = 0; t < plan.tiles(); t++) {
          int at = t * tileWidth;
          if (plan.vectors() == 4) {
            tile6x4(weights, ap, windowSize, image, at, plan.offsets(), wide, at, plan.wideLength());
          } else {
            tile6x2(weights, ap, windowSize, image, at, plan.offsets(), wide, at, plan.wideLength());
          }
        }
        int filters = Math.min(ROWS, plan.filters() - block * ROWS);
        for (int r = 0; r < filters; r++) {
          int f = block * ROWS + r;
          for (int y = 0; y < oh; y++) {
            int source = r * plan.wideLength() + y * pw;
            int target = ((n * plan.filters() + f) * oh + y) * ow;
            if (bias == null) {
              System.arraycopy(wide, source, out, target, ow);
            } else {
              addBias(wide, source, ow, bias[f], out, target);
            }
          }
        }
      }
    }
  }

  /**
   * {@code out[to + x] = wide[from + x] + bias} for x below {@code count}: the composed
   * convolution's bias add, one rounding.
   */
  private static void addBias(float[] wide, int from, int count, float bias, float[] out, int to) {
    FloatVector b = FloatVector.broadcast(S, bias);
    int x = 0;
    for (int bound = S.loopBound(count); x < bound; x += VL) {
      FloatVector.fromArray(S, wide, from + x).add(b).intoArray(out, to + x);
    }
    for (; x < count; x++) {
      out[to + x] = wide[from + x] + bias;
    }
  }

  /**
   * Six filters (rows of {@code a} from {@code ap}, {@code rowStride} apart) by four vectors of
   * positions from {@code at}: for each window element k in order, the pixels at {@code at +
   * offsets[k]} times the filters' element k, one fused multiply-add each, from zero; the sums
   * land in rows of {@code wide} {@code wideStride} apart. As {@link SimdFloatTiles#tile6x4}, for
   * 32 registers.
   */
  private static void tile6x4(float[] a, int ap, int rowStride, float[] image, int at, int[] offsets,
      float[] wide, int to, int wideStride) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c02 = c00;
    FloatVector c03 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c12 = c00;
    FloatVector c13 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c22 = c00;
    FloatVector c23 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c32 = c00;
    FloatVector c33 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c42 = c00;
    FloatVector c43 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    FloatVector c52 = c00;
    FloatVector c53 = c00;
    for (int k = 0; k < offsets.length; k++, ap++) {
      int bp = at + offsets[k];
      FloatVector b0 = FloatVector.fromArray(S, image, bp);
      FloatVector b1 = FloatVector.fromArray(S, image, bp + VL);
      FloatVector b2 = FloatVector.fromArray(S, image, bp + 2 * VL);
      FloatVector b3 = FloatVector.fromArray(S, image, bp + 3 * VL);
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      c02 = b2.fma(x, c02);
      c03 = b3.fma(x, c03);
      x = FloatVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      c12 = b2.fma(x, c12);
      c13 = b3.fma(x, c13);
      x = FloatVector.broadcast(S, a[ap + 2 * rowStride]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      c22 = b2.fma(x, c22);
      c23 = b3.fma(x, c23);
      x = FloatVector.broadcast(S, a[ap + 3 * rowStride]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      c32 = b2.fma(x, c32);
      c33 = b3.fma(x, c33);
      x = FloatVector.broadcast(S, a[ap + 4 * rowStride]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      c42 = b2.fma(x, c42);
      c43 = b3.fma(x, c43);
      x = FloatVector.broadcast(S, a[ap + 5 * rowStride]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
      c52 = b2.fma(x, c52);
      c53 = b3.fma(x, c53);
    }
    c00.intoArray(wide, to);
    c01.intoArray(wide, to + VL);
    c02.intoArray(wide, to + 2 * VL);
    c03.intoArray(wide, to + 3 * VL);
    to += wideStride;
    c10.intoArray(wide, to);
    c11.intoArray(wide, to + VL);
    c12.intoArray(wide, to + 2 * VL);
    c13.intoArray(wide, to + 3 * VL);
    to += wideStride;
    c20.intoArray(wide, to);
    c21.intoArray(wide, to + VL);
    c22.intoArray(wide, to + 2 * VL);
    c23.intoArray(wide, to + 3 * VL);
    to += wideStride;
    c30.intoArray(wide, to);
    c31.intoArray(wide, to + VL);
    c32.intoArray(wide, to + 2 * VL);
    c33.intoArray(wide, to + 3 * VL);
    to += wideStride;
    c40.intoArray(wide, to);
    c41.intoArray(wide, to + VL);
    c42.intoArray(wide, to + 2 * VL);
    c43.intoArray(wide, to + 3 * VL);
    to += wideStride;
    c50.intoArray(wide, to);
    c51.intoArray(wide, to + VL);
    c52.intoArray(wide, to + 2 * VL);
    c53.intoArray(wide, to + 3 * VL);
  }

  /** {@link #tile6x4} two vectors wide, for 16 registers (as {@link SimdFloatTiles#tile6x2}). */
  private static void tile6x2(float[] a, int ap, int rowStride, float[] image, int at, int[] offsets,
      float[] wide, int to, int wideStride) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    for (int k = 0; k < offsets.length; k++, ap++) {
      int bp = at + offsets[k];
      FloatVector b0 = FloatVector.fromArray(S, image, bp);
      FloatVector b1 = FloatVector.fromArray(S, image, bp + VL);
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = FloatVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = FloatVector.broadcast(S, a[ap + 2 * rowStride]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = FloatVector.broadcast(S, a[ap + 3 * rowStride]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      x = FloatVector.broadcast(S, a[ap + 4 * rowStride]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      x = FloatVector.broadcast(S, a[ap + 5 * rowStride]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
    }
    c00.intoArray(wide, to);
    c01.intoArray(wide, to + VL);
    to += wideStride;
    c10.intoArray(wide, to);
    c11.intoArray(wide, to + VL);
    to += wideStride;
    c20.intoArray(wide, to);
    c21.intoArray(wide, to + VL);
    to += wideStride;
    c30.intoArray(wide, to);
    c31.intoArray(wide, to + VL);
    to += wideStride;
    c40.intoArray(wide, to);
    c41.intoArray(wide, to + VL);
    to += wideStride;
    c50.intoArray(wide, to);
    c51.intoArray(wide, to + VL);
  }
}
