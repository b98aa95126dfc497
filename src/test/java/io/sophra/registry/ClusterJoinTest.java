package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.IndeterminateOperationStateException;
import io.sophra.registry.support.Futures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Joining the cluster is tried again after an indeterminate failure, and only then")
class ClusterJoinTest {

  private final List<HazelcastClusterManager> managers = new ArrayList<>();

  private HazelcastClusterManager manager() {
    HazelcastClusterManager manager = new HazelcastClusterManager();
    managers.add(manager);
    return manager;
  }

  private static Future<Vertx> indeterminate() {
    return Future.failedFuture(new VertxException("join failed",
        new IndeterminateOperationStateException("backup acks missed")));
  }

  @Test
  void anIndeterminateJoinFailureIsTriedAgainWithANewMember() {
    List<HazelcastClusterManager> built = new ArrayList<>();
    ClusterJoin.Joined joined = Futures.await(ClusterJoin.join(this::manager, manager -> {
      built.add(manager);
      return built.size() == 1 ? indeterminate() : Future.succeededFuture();
    }));
    assertThat(built).hasSize(2);
    assertThat(built.get(1)).isNotSameAs(built.get(0));
    assertThat(joined.manager()).isSameAs(built.get(1));
  }

  @Test
  void anyOtherFailureFailsAtOnceAndIndeterminateOnesGiveUpAfterTheAttempts() {
    List<HazelcastClusterManager> built = new ArrayList<>();
    Future<ClusterJoin.Joined> other = ClusterJoin.join(this::manager, manager -> {
      built.add(manager);
      return Future.failedFuture(new IllegalStateException("port in use"));
    });
    assertThat(other.failed()).isTrue();
    assertThat(built).hasSize(1);

    built.clear();
    Throwable failure = Futures.failureOf(ClusterJoin.join(this::manager, manager -> {
      built.add(manager);
      return indeterminate();
    }));
    assertThat(ClusterJoin.indeterminate(failure)).isTrue();
    assertThat(built).hasSize(ClusterJoin.ATTEMPTS);
  }

  @Test
  void indeterminateIsFoundAmongTheCauses() {
    assertThat(ClusterJoin.indeterminate(new RuntimeException(new IndeterminateOperationStateException("x")))).isTrue();
    assertThat(ClusterJoin.indeterminate(new RuntimeException("backup acks missed"))).isFalse();
  }
}
