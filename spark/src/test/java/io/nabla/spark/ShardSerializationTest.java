package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensors;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cached shard moves between executors (a task reading a block another executor holds) with
 * whichever serializer Spark is set to, and arrives as a tensor on the same backend, same values.
 */
class ShardSerializationTest {

  @ParameterizedTest
  @ValueSource(strings = {"java", "kryo"})
  void aShardSurvivesSparksSerializers(String which) {
    SparkConf conf = new SparkConf();
    Serializer serializer = which.equals("java") ? new JavaSerializer(conf) : new KryoSerializer(conf);
    SerializerInstance instance = serializer.newInstance();
    Backend backend = Backends.current();
    for (DType dtype : DType.values()) {
      Shard shard = new Shard(3, Tensors.of(backend, new double[] {1.5, -2, 3, 4.25, 0, -0.0}, dtype, 2, 3),
          new int[] {1, 0});
      scala.reflect.ClassTag<Shard> tag = scala.reflect.ClassTag$.MODULE$.apply(Shard.class);
      ByteBuffer bytes = instance.serialize(shard, tag);
      Shard back = instance.deserialize(bytes, tag);
      assertEquals(3, back.partition());
      assertArrayEquals(new int[] {1, 0}, back.labels());
      assertSame(backend, back.features().backend(), "the same backend instance, so it mixes with others");
      assertEquals(dtype, back.features().dtype());
      assertArrayEquals(new int[] {2, 3}, back.features().shape());
      assertArrayEquals(shard.features().toDoubleArray(), back.features().toDoubleArray(), 0.0);
    }
  }
}
