package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.support.Interfaces;
import io.sophra.registry.support.Ports;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The cluster boundary is enforced in code, whatever cluster.xml says")
class ClusterBoundaryTest {

  @TempDir
  Path conf;

  /** A gadget: code that runs while it is deserialized, as the links of a gadget chain do. */
  static final class Gadget implements Callable<String>, Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      DESERIALIZED.set(true);
    }

    @Override
    public String call() {
      return "ran";
    }
  }

  /** A plain Hazelcast member, without the registry's configuration, joining the node's cluster. */
  private static HazelcastInstance rogue(RegistryNode node) {
    Config config = new Config().setClusterName(node.config().cluster().name()).setLiteMember(true);
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    NetworkConfig network = config.getNetworkConfig().setPort(Ports.free()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + node.config().cluster().port());
    return Hazelcast.newHazelcastInstance(config);
  }

  @Test
  @DisplayName("A class outside the Java-serialization allow-list, sent by a rogue member, is refused before any of its code runs")
  void javaSerializationAllowList() throws Exception {
    RegistryNode node = TestNodes.single();
    HazelcastInstance rogue = null;
    try {
      rogue = rogue(node);
      Member registryMember = node.hazelcast().getCluster().getLocalMember();
      Future<String> sent = rogue.getExecutorService("probe").submitToMember(new Gadget(), registryMember);

      assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS))
          .hasStackTraceContaining(Gadget.class.getName() + " is not allowed");
      assertThat(Gadget.DESERIALIZED).as("readObject never ran on the registry member").isFalse();
      assertThat(TestNodes.http(node).get("/v1/models").status()).as("the member serves on").isEqualTo(200);
    } finally {
      if (rogue != null) {
        rogue.shutdown();
      }
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("A cluster.xml that turns on multicast, auto-detection, bind-any and REST is overruled: TCP-IP to the"
      + " configured members, bound to the one address")
  void networkForcedClosed() throws Exception {
    Files.writeString(conf.resolve("cluster.xml"), """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <properties>
            <property name="hazelcast.socket.bind.any">true</property>
            <property name="hazelcast.wait.seconds.before.join">0</property>
          </properties>
          <network>
            <rest-api enabled="true"/>
            <join>
              <auto-detection enabled="true"/>
              <multicast enabled="true"/>
              <tcp-ip enabled="false"/>
            </join>
          </network>
        </hazelcast>
        """);
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_CONF_DIR", conf.toString()));
    try {
      Config config = node.hazelcast().getConfig();
      JoinConfig join = config.getNetworkConfig().getJoin();
      assertThat(join.getMulticastConfig().isEnabled()).isFalse();
      assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
      assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
      assertThat(join.getTcpIpConfig().getMembers()).containsExactlyElementsOf(node.config().cluster().members());
      assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
      assertThat(config.getNetworkConfig().getRestApiConfig().isEnabled()).isFalse();
      assertThat(config.getSerializationConfig().getJavaSerializationFilterConfig().isDefaultsDisabled()).isTrue();

      InetAddress external = Interfaces.externalIpv4().orElse(null);
      assumeThat(external).as("a non-loopback address to probe").isNotNull();
      assertThat(Interfaces.accepts(InetAddress.getLoopbackAddress(), node.config().cluster().port())).isTrue();
      assertThat(Interfaces.accepts(external, node.config().cluster().port()))
          .as("the member does not listen on " + external).isFalse();
    } finally {
      TestNodes.stop(node);
    }
  }

  private static RegistryConfig settings(Map<String, String> cluster) {
    Map<String, String> env = new HashMap<>(TestTokens.SETTINGS);
    env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(Ports.free()));
    env.putAll(cluster);
    return ConfigLoader.load(env, Map.of());
  }

  @Test
  @DisplayName("A cluster host that matches no interface, or a taken cluster port, is one configuration error naming it")
  void memberThatCannotStart() throws Exception {
    for (String host : new String[] {"0.0.0.0", "192.0.2.254", "registry.example", "::"}) {
      Throwable failure = catchThrowable(() -> GridConfig.build(settings(Map.of("MODEL_REGISTRY_CLUSTER_HOST", host))));
      assertThat(failure).as(host).isInstanceOf(ConfigException.class);
      assertThat(failure.getMessage()).startsWith("MODEL_REGISTRY_CLUSTER_HOST").contains("'" + host + "'")
          .doesNotContain("\n");
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Throwable failure = catchThrowable(() -> GridConfig.build(settings(Map.of("MODEL_REGISTRY_CLUSTER_PORT",
          String.valueOf(taken.getLocalPort())))));
      assertThat(failure).isInstanceOf(ConfigException.class);
      assertThat(failure.getMessage()).startsWith("MODEL_REGISTRY_CLUSTER_PORT").contains("in use");
    }
  }
}
