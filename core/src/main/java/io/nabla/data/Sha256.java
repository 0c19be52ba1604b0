package io.nabla.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a stream, in lower-case hex as {@code sha256sum} prints it. */
final class Sha256 {

  private Sha256() {}

  /** Reads {@code in} to its end and returns its digest; the caller closes it. */
  static String hex(InputStream in) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    new DigestInputStream(in, sha).transferTo(OutputStream.nullOutputStream());
    return HexFormat.of().formatHex(sha.digest());
  }
}
