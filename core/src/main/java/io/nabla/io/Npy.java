package io.nabla.io;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0, for float32 ({@code <f4}) and float64 ({@code <f8})
 * arrays in C order, and for one text as a 0-d unicode array ({@code <U}n, which {@code
 * numpy.load} reads without pickling): the magic {@code \x93NUMPY}, the version, a header length, a Python dict
 * literal padded with spaces and a newline to a multiple of 64 bytes, then the little-endian data.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern HEADER = Pattern.compile(
      "\\{'descr': '([<>|]?)([fiU])(\\d+)', 'fortran_order': (True|False), 'shape': \\(([0-9, ]*)\\), \\}");

  private Npy() {}

  /** The {@code .npy} bytes of a tensor. */
  public static byte[] toBytes(Tensor t) {
    String shape = t.rank() == 1 ? t.dim(0) + "," : Shapes.format(t.shape()).replace("[", "").replace("]", "");
    int itemSize = t.dtype() == DType.FLOAT32 ? 4 : 8;
    ByteBuffer out = withHeader(t.dtype() == DType.FLOAT32 ? "<f4" : "<f8", shape, (long) t.size() * itemSize);
    if (t.dtype() == DType.FLOAT32) {
      out.asFloatBuffer().put(t.toFloatArray());
    } else {
      out.asDoubleBuffer().put(t.toDoubleArray());
    }
    return out.array();
  }

  /**
   * The {@code .npy} bytes of a text: a 0-d array of NumPy's fixed-width unicode type, one
   * little-endian UTF-32 code unit per character ({@code str(numpy.load(...)[key])} gives it back).
   */
  public static byte[] textToBytes(String text) {
    int[] codePoints = text.codePoints().toArray();
    int width = Math.max(1, codePoints.length);
    ByteBuffer out = withHeader("<U" + width, "", 4L * width);
    for (int c : codePoints) {
      out.putInt(c);
    }
    return out.array();
  }

  /** A buffer holding the magic, version and the padded header; its data is left to fill. */
  private static ByteBuffer withHeader(String descr, String shape, long dataBytes) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + header.length() + dataBytes))
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    out.put(header.getBytes(StandardCharsets.ISO_8859_1));
    return out;
  }

  /**
   * Whether {@code .npy} bytes hold a text (a unicode array) rather than numbers.
   *
   * @throws IOException naming the array if the header is not one this reader understands
   */
  public static boolean isText(String name, byte[] bytes) throws IOException {
    return header(name, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)).group(2).equals("U");
  }

  /**
   * Parses the {@code .npy} bytes of a text written by {@link #textToBytes}: a 0-d little-endian
   * unicode array (NumPy pads it with zero code units, which are dropped).
   *
   * @throws IOException naming the array if the bytes are anything else
   */
  public static String textFromBytes(String name, byte[] bytes) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    Matcher m = header(name, in);
    int width = Integer.parseInt(m.group(3));
    if (!m.group(2).equals("U") || m.group(1).equals(">") || !m.group(5).isBlank()) {
      throw new IOException(name + ": expected a 0-d little-endian unicode array, found " + m.group());
    }
    if (in.remaining() != 4L * width) {
      throw new IOException(name + ": a text of " + width + " characters needs " + 4L * width
          + " bytes of data, found " + in.remaining());
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < width; i++) {
      int c = in.getInt();
      if (c != 0) {
        if (!Character.isValidCodePoint(c)) {
          throw new IOException(name + ": character " + i + " is not a valid code point (" + c + ")");
        }
        text.appendCodePoint(c);
      }
    }
    return text.toString();
  }

  /**
   * Parses {@code .npy} bytes into a tensor on {@code backend}.
   *
   * @param name what to call the array in error messages (file and entry)
   * @throws IOException naming it if the bytes are not a little-endian float32/float64 C-order
   *     array of the size the header declares
   */
  public static Tensor fromBytes(String name, byte[] bytes, Backend backend) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    Matcher m = header(name, in);
    String kind = m.group(2) + m.group(3);
    if (!(kind.equals("f4") || kind.equals("f8")) || m.group(1).equals(">") || m.group(4).equals("True")) {
      throw new IOException(name + ": only little-endian float32/float64 arrays in C order are"
          + " supported, found " + m.group());
    }
    int[] shape = parseShape(name, m.group(5));
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    int itemSize = kind.equals("f4") ? 4 : 8;
    if (size * itemSize != in.remaining()) {
      throw new IOException(name + ": shape " + Shapes.format(shape) + " needs " + size * itemSize
          + " bytes of data, found " + in.remaining());
    }
    if (itemSize == 4) {
      float[] values = new float[(int) size];
      in.asFloatBuffer().get(values);
      return Tensors.of(backend, values, shape);
    }
    double[] values = new double[(int) size];
    in.asDoubleBuffer().get(values);
    return Tensors.of(backend, values, DType.FLOAT64, shape);
  }

  /** Reads the magic, version and header dictionary, leaving {@code in} at the data. */
  private static Matcher header(String name, ByteBuffer in) throws IOException {
    for (byte b : MAGIC) {
      if (in.remaining() == 0 || in.get() != b) {
        throw new IOException(name + ": not a .npy array (bad magic)");
      }
    }
    if (in.remaining() < 4) {
      throw new IOException(name + ": truncated .npy header");
    }
    int major = in.get();
    in.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : major == 2 || major == 3 ? in.getInt() : -1;
    if (headerLength < 0 || headerLength > in.remaining()) {
      throw new IOException(name + ": bad .npy header (version " + major + ", length " + headerLength + ")");
    }
    byte[] headerBytes = new byte[headerLength];
    in.get(headerBytes);
    String header = new String(headerBytes, StandardCharsets.ISO_8859_1).trim();
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new IOException(name + ": unsupported .npy header " + header);
    }
    return m;
  }

  private static int[] parseShape(String name, String text) throws IOException {
    String[] parts = text.split(",");
    int count = 0;
    int[] dims = new int[parts.length];
    for (String part : parts) {
      if (!part.isBlank()) {
        try {
          dims[count++] = Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
          throw new IOException(name + ": bad shape (" + text + ")");
        }
      }
    }
    return java.util.Arrays.copyOf(dims, count);
  }
}
