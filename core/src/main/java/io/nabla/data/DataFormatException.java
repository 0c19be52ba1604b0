package io.nabla.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that is not what it claims to be; the message names the file and the problem. */
public class DataFormatException extends IOException {

  /** Creates the exception for {@code file} with a description of the problem. */
  public DataFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
