package io.nabla;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Nabla on the class path, as the build recorded it. */
public final class Version {

  private static final String CURRENT = read();

  private Version() {}

  /** The version, for example {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("io/nabla/version.properties is missing from nabla-core's jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read io/nabla/version.properties", e);
    }
  }
}
