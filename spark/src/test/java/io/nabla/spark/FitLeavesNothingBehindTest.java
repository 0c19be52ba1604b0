package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.BroadcastBlockId;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * A fit caches its shards and broadcasts each round's parameters; when it ends (also by an error)
 * no cached RDD and none of those broadcasts is left in the block managers.
 */
class FitLeavesNothingBehindTest {

  private static final Blobs DATA = Blobs.of(200, 6, 3, 5);

  /** The broadcasts whose values are Nabla's, as Spark's block managers hold them. */
  static List<String> nablaBroadcasts() {
    BlockManager blocks = SparkEnv.get().blockManager();
    scala.collection.immutable.Seq<BlockId> ids = blocks.master().getMatchingBlockIds(
        (scala.Function1<BlockId, Object>) id -> id instanceof BroadcastBlockId b && b.field().isEmpty(), true);
    List<String> found = new ArrayList<>();
    scala.collection.Iterator<BlockId> it = ids.iterator();
    while (it.hasNext()) {
      BlockId id = it.next();
      Option<BlockResult> value = blocks.getLocalValues(id);
      if (value.isDefined()) {
        scala.collection.Iterator<Object> data = value.get().data();
        while (data.hasNext()) { // reading to the end releases the block's lock
          Object v = data.next();
          if (v.getClass().getName().startsWith("io.nabla.")) {
            found.add(id + ": " + v.getClass().getSimpleName());
          }
        }
      }
    }
    return found;
  }

  private static int cachedRdds() {
    return LocalSpark.session().sparkContext().getPersistentRDDs().size();
  }

  @Test
  void theCheckSeesANablaBroadcastWhileItLives() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
    List<String> before = nablaBroadcasts();
    Broadcast<SyncStep> b = sc.broadcast(new SyncStep(0, null, new int[] {1, 2}));
    assertEquals(before.size() + 1, nablaBroadcasts().size(), "a live Nabla broadcast is found");
    b.destroy(true);
    assertEquals(before, nablaBroadcasts());
  }

  @Test
  void afterAFitInEitherModeNoShardsAndNoRoundBroadcastsAreLeft() {
    assertEquals(0, cachedRdds());
    Dataset<Row> data = DATA.dataset(LocalSpark.session(), 3);
    for (TrainingMode mode : TrainingMode.values()) {
      List<Integer> cachedDuringRounds = new ArrayList<>();
      List<Integer> broadcastsBetweenRounds = new ArrayList<>();
      DistributedTrainer.builder(6, 4, 3).mode(mode).maxIter(3).batchSize(30).listener(r -> {
        cachedDuringRounds.add(cachedRdds());
        broadcastsBetweenRounds.add(nablaBroadcasts().size());
      }).build().fit(data, "features", "label", DATA.slice(0, 50).dataset(LocalSpark.session(), 2));
      assertEquals(List.of(2, 2, 2), cachedDuringRounds, mode + ": training and validation shards are cached");
      assertEquals(List.of(0, 0, 0), broadcastsBetweenRounds, mode + ": each round's broadcasts end with it");
      assertEquals(0, cachedRdds(), mode + ": shards released");
      assertEquals(List.of(), nablaBroadcasts(), mode.label());
    }
  }

  @Test
  void aFailedFitReleasesItsShardsToo() {
    Dataset<Row> bad = DATA.dataset(LocalSpark.session(), 2);
    assertThrows(NablaDataException.class,
        () -> DistributedTrainer.builder(6, 4, 2).build().fit(bad, "features", "label"));
    assertEquals(0, cachedRdds());
    Dataset<Row> good = DATA.dataset(LocalSpark.session(), 2);
    assertThrows(RuntimeException.class, () -> DistributedTrainer.builder(6, 4, 3).maxIter(3).listener(r -> {
      throw new IllegalStateException("a listener fails in round " + r.round());
    }).build().fit(good, "features", "label"));
    assertEquals(0, cachedRdds());
    assertEquals(List.of(), nablaBroadcasts());
  }
}
