package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hazelcast.core.Hazelcast;
import io.sophra.registry.support.TestNodes;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A node that cannot start")
class StartupFailureTest {

  @Test
  @DisplayName("Fails its start with the cause when its HTTP port is taken, leaves the cluster, and does not hang")
  void portClashFailsStart() throws Exception {
    int membersBefore = Hazelcast.getAllHazelcastInstances().size();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Throwable failure = catchThrowable(() -> TestNodes.single(Map.of("MODEL_REGISTRY_HTTP_PORT",
          String.valueOf(taken.getLocalPort()))));

      assertThat(failure).hasRootCauseInstanceOf(BindException.class);
    }
    assertThat(Hazelcast.getAllHazelcastInstances()).hasSize(membersBefore);
  }
}
