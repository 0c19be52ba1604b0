package io.nabla.backend.simd;

import io.nabla.backend.Backends;

/** Prints how the SIMD backend sees this JVM; run in a child JVM by {@link SimdAvailabilityTest}. */
public final class PrintAvailability {

  private PrintAvailability() {}

  /** Prints the availability line and what asking for the backend by name says. */
  public static void main(String[] args) {
    System.out.println("availability: " + new SimdBackend().availability());
    try {
      Backends.get(SimdBackend.NAME);
      System.out.println("get: ok");
    } catch (IllegalArgumentException e) {
      System.out.println("get: " + e.getMessage());
    }
  }
}
