package io.nabla.onnx;

import com.google.protobuf.ByteString;
import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.onnx.proto.OnnxSchema.TensorProto;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Nabla tensors as ONNX {@code TensorProto}s and back. Nabla writes {@code raw_data}
 * (little-endian, as ONNX requires); it reads {@code raw_data} and the typed fields alike, and
 * checks every size against the data present before it allocates anything.
 */
final class OnnxTensors {

  private OnnxTensors() {}

  /** The ONNX element type of a Nabla dtype. */
  static int elementType(DType dtype) {
    return dtype == DType.FLOAT64 ? TensorProto.DataType.DOUBLE_VALUE : TensorProto.DataType.FLOAT_VALUE;
  }

  /** The Nabla dtype of an ONNX element type. */
  static DType dtype(int elementType, String what) {
    if (elementType == TensorProto.DataType.FLOAT_VALUE) {
      return DType.FLOAT32;
    }
    if (elementType == TensorProto.DataType.DOUBLE_VALUE) {
      return DType.FLOAT64;
    }
    throw new OnnxRefusal(what + " has element type " + typeName(elementType)
        + "; Nabla reads float (FLOAT) and double (DOUBLE) tensors");
  }

  static String typeName(int elementType) {
    TensorProto.DataType t = TensorProto.DataType.forNumber(elementType);
    return t == null ? "number " + elementType : t.name();
  }

  /** The tensor named {@code name}, its elements in {@code raw_data}. */
  static TensorProto toProto(String name, Tensor t) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(elementType(t.dtype()));
    for (int d : t.shape()) {
      b.addDims(d);
    }
    ByteBuffer bytes;
    if (t.dtype() == DType.FLOAT64) {
      double[] v = t.toDoubleArray();
      bytes = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asDoubleBuffer().put(v);
    } else {
      float[] v = t.toFloatArray();
      bytes = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(v);
    }
    return b.setRawData(ByteString.copyFrom(bytes.array())).build();
  }

  /** A scalar of {@code dtype}, shape [] as ONNX writes one. */
  static TensorProto scalar(String name, double value, DType dtype) {
    return toProto(name, Tensors.scalar(value, dtype)).toBuilder().clearDims().build();
  }

  /** A vector of 64-bit integers (a shape, for example). */
  static TensorProto int64Vector(String name, long... values) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
        .addDims(values.length);
    for (long v : values) {
      b.addInt64Data(v);
    }
    return b.build();
  }

  /**
   * The shape of a tensor, each dimension checked: none negative and the element count an int.
   *
   * @throws OnnxRefusal naming {@code what}
   */
  static int[] shape(TensorProto p, String what) {
    int[] shape = new int[p.getDimsCount()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      long d = p.getDims(i);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw new OnnxRefusal(what + " has impossible dimensions " + p.getDimsList());
      }
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw new OnnxRefusal(what + " of dimensions " + p.getDimsList()
            + " has more elements than a Java array holds");
      }
      shape[i] = (int) d;
    }
    return shape;
  }

  /**
   * A float as the shortest decimal that reads back as it: 0.3f is 0.3, not 0.30000001192092896,
   * so that a ratio or an epsilon written as a float comes back as the number its net's text says.
   */
  static double decimal(float value) {
    return Double.parseDouble(Float.toString(value));
  }

  /**
   * The elements of a float or double tensor as a Nabla tensor of {@code dtype} on {@code backend}.
   *
   * @throws OnnxRefusal naming {@code what} for another element type, data stored outside the
   *     file, or data that does not hold the elements its dimensions say
   */
  static Tensor fromProto(TensorProto p, String what, DType dtype, Backend backend) {
    int[] shape = shape(p, what);
    checkInFile(p, what);
    DType stored = dtype(p.getDataType(), what);
    int count = checkedCount(p, what, shape, stored);
    if (stored == DType.FLOAT32) {
      float[] values = new float[count];
      if (p.hasRawData()) {
        p.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      } else {
        for (int i = 0; i < count; i++) {
          values[i] = p.getFloatData(i);
        }
      }
      Tensor t = Tensors.of(backend, values, shape);
      return dtype == DType.FLOAT32 ? t : t.asType(dtype);
    }
    double[] values = new double[count];
    if (p.hasRawData()) {
      p.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
    } else {
      for (int i = 0; i < count; i++) {
        values[i] = p.getDoubleData(i);
      }
    }
    return Tensors.of(backend, values, dtype, shape);
  }

  /**
   * A scalar of a float or double tensor: a float as its {@linkplain #decimal shortest decimal}.
   *
   * @throws OnnxRefusal naming {@code what} if the tensor does not hold exactly one float or double
   */
  static double scalarValue(TensorProto p, String what) {
    int[] shape = shape(p, what);
    checkInFile(p, what);
    DType stored = dtype(p.getDataType(), what);
    if (checkedCount(p, what, shape, stored) != 1) {
      throw new OnnxRefusal(what + " " + Arrays.toString(shape) + " must hold one value");
    }
    if (stored == DType.FLOAT32) {
      return decimal(p.hasRawData() ? p.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat()
          : p.getFloatData(0));
    }
    return p.hasRawData() ? p.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getDouble()
        : p.getDoubleData(0);
  }

  /**
   * Whether a tensor is the one boolean false (as a Dropout's training mode), in raw data or in
   * {@code int32_data}, as ONNX stores a BOOL.
   */
  static boolean isFalse(TensorProto p) {
    if (p.getDataType() != TensorProto.DataType.BOOL_VALUE || p.getDimsList().stream().anyMatch(d -> d != 1)
        || p.getDataLocation() == 1) {
      return false;
    }
    if (p.hasRawData()) {
      return p.getRawData().size() == 1 && p.getRawData().byteAt(0) == 0;
    }
    return p.getInt32DataCount() == 1 && p.getInt32Data(0) == 0;
  }

  /** The element count, checked against the data the tensor holds. */
  private static int checkedCount(TensorProto p, String what, int[] shape, DType stored) {
    int count = Math.toIntExact(Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b));
    int width = stored == DType.FLOAT64 ? 8 : 4;
    if (p.hasRawData()) {
      if (p.getRawData().size() != (long) count * width) {
        throw new OnnxRefusal(what + " " + Arrays.toString(shape) + " needs " + (long) count * width
            + " bytes of data and has " + p.getRawData().size());
      }
    } else {
      int present = stored == DType.FLOAT64 ? p.getDoubleDataCount() : p.getFloatDataCount();
      if (present != count) {
        throw new OnnxRefusal(what + " " + Arrays.toString(shape) + " has " + count + " elements but its data holds "
            + present);
      }
    }
    return count;
  }

  /**
   * The elements of an integer tensor (INT64 or INT32), such as a Reshape's shape.
   *
   * @throws OnnxRefusal naming {@code what} for another type or data of the wrong size
   */
  static long[] integers(TensorProto p, String what) {
    int[] shape = shape(p, what);
    long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
    checkInFile(p, what);
    int type = p.getDataType();
    boolean int64 = type == TensorProto.DataType.INT64_VALUE;
    if (!int64 && type != TensorProto.DataType.INT32_VALUE) {
      throw new OnnxRefusal(what + " has element type " + typeName(type) + "; integers (INT64 or INT32) are expected");
    }
    if (count > 64) {
      throw new OnnxRefusal(what + " holds " + count + " integers; at most 64 are expected");
    }
    long[] values = new long[(int) count];
    if (p.hasRawData()) {
      int width = int64 ? 8 : 4;
      if (p.getRawData().size() != count * width) {
        throw new OnnxRefusal(what + " needs " + count * width + " bytes of data and has " + p.getRawData().size());
      }
      ByteBuffer buffer = p.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        values[i] = int64 ? buffer.getLong() : buffer.getInt();
      }
    } else {
      int present = int64 ? p.getInt64DataCount() : p.getInt32DataCount();
      if (present != count) {
        throw new OnnxRefusal(what + " has " + count + " elements but its data holds " + present);
      }
      for (int i = 0; i < count; i++) {
        values[i] = int64 ? p.getInt64Data(i) : p.getInt32Data(i);
      }
    }
    return values;
  }

  private static void checkInFile(TensorProto p, String what) {
    if (p.getDataLocation() == 1 || p.getExternalDataCount() > 0) {
      throw new OnnxRefusal(what + " keeps its data in an external file; Nabla reads models whose data is in the"
          + " .onnx file itself");
    }
  }
}
