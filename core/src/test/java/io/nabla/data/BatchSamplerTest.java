package io.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

  @Test
  void withReplacementIsReproducibleInRangeAndRepeatsIndices() {
    BatchSampler a = BatchSampler.withReplacement(60000, 100, 7);
    BatchSampler b = BatchSampler.withReplacement(60000, 100, 7);
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(a.nextBatch(), b.nextBatch());
    }
    // 10 rows, 1000 draws: every row appears, about 100 times each.
    int[] counts = new int[10];
    BatchSampler small = BatchSampler.withReplacement(10, 1000, 1);
    for (int index : small.nextBatch()) {
      counts[index]++;
    }
    for (int c : counts) {
      assertTrue(c > 60 && c < 140, Arrays.toString(counts));
    }
  }

  @Test
  void shuffledEpochsVisitEveryRowOncePerEpoch() {
    BatchSampler sampler = BatchSampler.shuffledEpochs(10, 4, 3);
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen = new int[10];
      int[] sizes = new int[3];
      for (int i = 0; i < 3; i++) {
        int[] batch = sampler.nextBatch();
        sizes[i] = batch.length;
        for (int index : batch) {
          seen[index]++;
        }
      }
      assertArrayEquals(new int[] {4, 4, 2}, sizes);
      int[] once = new int[10];
      Arrays.fill(once, 1);
      assertArrayEquals(once, seen, "epoch " + epoch);
    }
  }

  @Test
  void aShuffledEpochBatchLargerThanTheDataIsAnErrorNamingBothSizesWhileDrawsAcceptIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchSampler.shuffledEpochs(10, 11, 1));
    assertEquals("batch sampler: a shuffled-epoch batch of 11 rows is larger than the data's 10 rows"
        + " (an epoch visits each row once; draws with replacement take any batch size)", e.getMessage());
    // A batch of all the rows is one epoch; the chapter's draws, like np.random.choice, take any size.
    assertEquals(10, BatchSampler.shuffledEpochs(10, 10, 1).nextBatch().length);
    assertEquals(11, BatchSampler.withReplacement(10, 11, 1).nextBatch().length);
  }

  @Test
  void badSizesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchSampler.withReplacement(10, 0, 1));
    assertEquals("batch sampler: batch size must be positive, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BatchSampler.shuffledEpochs(0, 5, 1));
  }

  @Test
  void skippingIsDrawingAndDiscardingForBothSamplers() {
    for (boolean shuffled : new boolean[] {true, false}) {
      for (int skipped : new int[] {0, 1, 2, 3, 7, 25}) {
        BatchSampler drawn = shuffled ? BatchSampler.shuffledEpochs(10, 4, 3) : BatchSampler.withReplacement(10, 4, 3);
        BatchSampler skipping = shuffled ? BatchSampler.shuffledEpochs(10, 4, 3) : BatchSampler.withReplacement(10, 4, 3);
        for (int i = 0; i < skipped; i++) {
          drawn.nextBatch();
        }
        skipping.skip(skipped);
        for (int i = 0; i < 6; i++) {
          assertArrayEquals(drawn.nextBatch(), skipping.nextBatch(),
              (shuffled ? "shuffled" : "with replacement") + ", skipped " + skipped + ", batch " + i);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> BatchSampler.shuffledEpochs(10, 4, 3).skip(-1));
  }
}
