package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.sophra.registry.support.Ports;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Why a model write's answer is deserialized once before its later stages ({@link
 * HazelcastFutures#deserializedOnce}), on two plain Hazelcast members: an entry processor's answer
 * from the other member, read through three chained stages as a write's is (the Near Cache's
 * invalidation, the list index, the bridge to Vert.x), counted as it is deserialized.
 */
@DisplayName("A grid answer read through chained stages")
class HazelcastFuturesTest {

  private static final AtomicInteger READS = new AtomicInteger();

  private HazelcastInstance caller;
  private HazelcastInstance owner;

  @BeforeEach
  void start() {
    String cluster = "futures-" + UUID.randomUUID();
    int first = Ports.free();
    int second = Ports.free();
    caller = member(cluster, first, second);
    owner = member(cluster, second, first);
  }

  @AfterEach
  void stop() {
    owner.getLifecycleService().terminate();
    caller.getLifecycleService().terminate();
  }

  @Test
  @DisplayName("Each stage chained on Hazelcast's own future deserializes the answer again; none after deserializedOnce")
  void laterStagesDeserializeNothing() throws Exception {
    IMap<String, String> map = caller.getMap("answers");
    String key = keyOwnedBy(owner);

    CompletionStage<Counted> raw = map.submitToKey(key, new Answer());
    raw.toCompletableFuture().get(10, TimeUnit.SECONDS);
    int answered = READS.get();
    threeStages(raw);
    assertThat(READS.get() - answered).as("reads by three stages chained on submitToKey's own future")
        .isGreaterThanOrEqualTo(3);

    CompletionStage<Counted> once = HazelcastFutures.deserializedOnce(map.submitToKey(key, new Answer()));
    once.toCompletableFuture().get(10, TimeUnit.SECONDS);
    int resolved = READS.get();
    assertThat(threeStages(once).text).isEqualTo("answered");
    assertThat(READS.get() - resolved).as("reads by three stages chained after deserializedOnce").isZero();
  }

  /** Three whenComplete stages, as a model write has, and the value the last one hands on. */
  private static Counted threeStages(CompletionStage<Counted> stage) throws Exception {
    UnaryOperator<CompletionStage<Counted>> observed = previous ->
        previous.whenCompleteAsync((value, failure) -> assertThat(value).isNotNull(), Runnable::run);
    return observed.apply(observed.apply(observed.apply(stage))).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String keyOwnedBy(HazelcastInstance member) throws InterruptedException {
    caller.getMap("answers").size(); // the first map call has the partitions assigned
    for (int wait = 0; wait < 200 && !caller.getPartitionService().isClusterSafe(); wait++) {
      Thread.sleep(50);
    }
    for (int i = 0; i < 1_000; i++) {
      String key = "key-" + i;
      if (member.getPartitionService().getPartition(key).getOwner().localMember()) {
        return key;
      }
    }
    throw new AssertionError("no key of 1,000 is owned by the second member");
  }

  private static HazelcastInstance member(String cluster, int port, int other) {
    Config config = new Config().setClusterName(cluster);
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + port, "127.0.0.1:" + other));
    return Hazelcast.newHazelcastInstance(config);
  }

  /** Answers a {@link Counted} from the key's owner. */
  static final class Answer implements EntryProcessor<String, String, Counted> {

    @Override
    public Counted process(Map.Entry<String, String> entry) {
      return new Counted("answered");
    }
  }

  /** Counts every time it is deserialized. */
  static final class Counted implements Serializable {

    private static final long serialVersionUID = 1L;
    final String text;

    Counted(String text) {
      this.text = text;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READS.incrementAndGet();
    }
  }
}
