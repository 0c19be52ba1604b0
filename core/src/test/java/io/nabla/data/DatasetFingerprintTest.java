package io.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint is the files' SHA-256 as sha256sum gives it, under the names they were found by. */
class DatasetFingerprintTest {

  @TempDir Path dir;

  @Test
  void digestsTheFourFilesAsFoundPlainOrCompressed() throws IOException {
    Files.writeString(dir.resolve(MnistFiles.TRAIN_IMAGES + ".gz"), "abc", StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(MnistFiles.TRAIN_LABELS), "", StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(MnistFiles.TEST_IMAGES + ".gz"), "abc", StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(MnistFiles.TEST_LABELS + ".gz"), "", StandardCharsets.US_ASCII);
    DatasetFingerprint f = DatasetFingerprint.ofMnistLayout("mnist", dir);
    // FIPS 180-2's test vector for "abc", and the digest of no bytes.
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assertEquals(Map.of(MnistFiles.TRAIN_IMAGES + ".gz", abc, MnistFiles.TRAIN_LABELS, empty,
        MnistFiles.TEST_IMAGES + ".gz", abc, MnistFiles.TEST_LABELS + ".gz", empty), f.sha256());
    assertEquals(List.of(MnistFiles.TRAIN_IMAGES + ".gz", MnistFiles.TRAIN_LABELS, MnistFiles.TEST_IMAGES + ".gz",
        MnistFiles.TEST_LABELS + ".gz"), List.copyOf(f.sha256().keySet()));
    assertEquals("mnist", f.name());
  }

  @Test
  void aMissingFileIsNamed() {
    IOException e = assertThrows(IOException.class, () -> DatasetFingerprint.ofMnistLayout("mnist", dir));
    assertEquals(dir + ": no " + MnistFiles.TRAIN_IMAGES + " (or " + MnistFiles.TRAIN_IMAGES
        + ".gz) to fingerprint", e.getMessage());
  }
}
