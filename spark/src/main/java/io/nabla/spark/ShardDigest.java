package io.nabla.spark;

import io.nabla.backend.Storage;
import io.nabla.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of the rows a fit trained on, as the fit read them: each partition's SHA-256,
 * computed where its shard is built, over its row count and width (two 32-bit integers), its
 * features as read in the fit's dtype and written as float64, and its labels as 32-bit integers,
 * all little-endian; and the
 * data's, the SHA-256 of the non-empty partitions' digests in partition order. The same rows in
 * the same partitions, read at the same dtype, give the same digest; other partitions of the same
 * rows give another.
 */
final class ShardDigest {

  /** Elements hashed at a time. */
  private static final int CHUNK = 4096;

  private ShardDigest() {}

  /** The SHA-256 of one shard's rows. */
  static byte[] of(Shard shard) {
    MessageDigest sha = sha256();
    Tensor features = shard.features();
    int[] labels = shard.labels();
    ByteBuffer bytes = ByteBuffer.allocate(CHUNK * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(labels.length).putInt(features.dim(1)).flip();
    sha.update(bytes);
    Storage storage = features.storage();
    int length = features.size();
    // As float64 whatever the dtype (exact for float32 values): one path, no dtype branch.
    double[] values = new double[CHUNK];
    for (int done = 0; done < length; done += CHUNK) {
      int n = Math.min(CHUNK, length - done);
      storage.read(done, values, 0, n);
      bytes.clear();
      bytes.asDoubleBuffer().put(values, 0, n);
      sha.update(bytes.array(), 0, n * Double.BYTES);
    }
    for (int done = 0; done < labels.length; done += CHUNK) {
      int n = Math.min(CHUNK, labels.length - done);
      bytes.clear();
      bytes.asIntBuffer().put(labels, done, n);
      sha.update(bytes.array(), 0, n * Integer.BYTES);
    }
    return sha.digest();
  }

  /** The data's digest, in lower-case hex: of the non-empty partitions' digests, in partition order. */
  static String combine(List<byte[]> partitionDigests) {
    MessageDigest sha = sha256();
    partitionDigests.forEach(sha::update);
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
