package io.nabla.backend;

import java.util.Objects;

/**
 * Whether a backend can run on this JVM and operating system and, if not, why.
 *
 * @param available true when every kernel of the backend can run here
 * @param reason why the backend cannot run, with how to fix it; empty when available
 */
public record Availability(boolean available, String reason) {

  /** Checks that an unavailable backend always says why. */
  public Availability {
    Objects.requireNonNull(reason, "reason");
    if (!available && reason.isBlank()) {
      throw new IllegalArgumentException("an unavailable backend must say why");
    }
  }

  /** The backend can run here. */
  public static Availability yes() {
    return new Availability(true, "");
  }

  /** The backend cannot run here, for the given reason (which should also say how to fix it). */
  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
