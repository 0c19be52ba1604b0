package io.nabla.backend;

/** A child JVM's job for {@link FallbackWarningTest}: asks for the default backend twice, prints it. */
public final class ChooseDefaultBackendTwice {

  private ChooseDefaultBackendTwice() {}

  /** Prints the default backend's name, asked for twice. */
  public static void main(String[] args) {
    System.out.println("backend " + Backends.current().name());
    System.out.println("still " + Backends.current().name());
  }
}
