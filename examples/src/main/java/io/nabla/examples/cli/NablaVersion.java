package io.nabla.examples.cli;

import io.nabla.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} of {@code nabla} and every subcommand: the version the build recorded, and the JVM. */
final class NablaVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "nabla " + Version.current(),
      "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
          + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
    };
  }
}
