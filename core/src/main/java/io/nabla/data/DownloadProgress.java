package io.nabla.data;

/** Told how a download advances, to show a progress bar. */
@FunctionalInterface
public interface DownloadProgress {

  /** Nothing to show. */
  DownloadProgress SILENT = (file, done, total) -> {};

  /**
   * Called as bytes arrive.
   *
   * @param file the file being downloaded
   * @param bytesDone bytes received so far
   * @param bytesTotal the size the server announced, or -1 if it did not
   */
  void update(String file, long bytesDone, long bytesTotal);
}
