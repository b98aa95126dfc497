package io.sophra.registry.grid;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.sophra.registry.config.ClusterSettings;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.RegistryConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What the cluster port exposes, decided in code whatever {@code cluster.xml} says (Hazelcast open
 * source has no member authentication, so this is the boundary):
 * <ul>
 *   <li>Java serialization only of the classes members really exchange — Hazelcast's exceptions and
 *       the registry's one, with the JDK classes a serialized exception is made of (found by running
 *       the cluster tests under a recording filter). Everything the registry stores or sends is
 *       Compact or IdentifiedDataSerializable; Vert.x's cluster manager uses DataSerializable. Any
 *       other class is refused before it is instantiated, so a rogue member cannot send a gadget chain.</li>
 *   <li>No multicast and no auto-detection (which falls back to multicast): a member joins only the
 *       members it is told about; the member binds to its one address, never to every interface.</li>
 *   <li>No REST or memcache endpoint on the cluster port, no user code deployment, no Jet.</li>
 *   <li>A member on a loopback address (a development node) joins by TCP-IP among loopback members
 *       only; no discovery can take it off the machine.</li>
 * </ul>
 * A host that matches no interface, or a port already taken, stops start-up here with one line,
 * instead of inside Hazelcast with its stack traces.
 */
final class ClusterBoundary {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ClusterBoundary() {
  }

  static void enforce(Config config, RegistryConfig settings) {
    config.getSerializationConfig().setJavaSerializationFilterConfig(javaSerializationFilter());
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.getRestApiConfig().setEnabled(false);
    network.getMemcacheProtocolConfig().setEnabled(false);
    config.getUserCodeDeploymentConfig().setEnabled(false);
    config.getJetConfig().setEnabled(false).setResourceUploadEnabled(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    InetAddress host = localAddress(settings.cluster());
    if (host.isLoopbackAddress() || !anyJoinButMulticast(join)) {
      onlyTcpIp(join);
      join.getTcpIpConfig().setEnabled(true).setMembers(settings.cluster().members());
    }
    checkPortFree(host, settings.cluster());
  }

  /** The allow-list: everything else is refused (defaults disabled, so Hazelcast's own list is not added). */
  static JavaSerializationFilterConfig javaSerializationFilter() {
    ClassFilter allowed = new ClassFilter()
        // Hazelcast's exceptions, carried between members inside error responses
        .addPrefixes("com.hazelcast.")
        // a serialized exception: the Throwable fields, stack trace, suppressed list
        .addClasses(Throwable.class.getName(), Exception.class.getName(), RuntimeException.class.getName(),
            Error.class.getName(), StackTraceElement.class.getName(), StackTraceElement[].class.getName(),
            "java.util.Collections$EmptyList", java.util.ArrayList.class.getName(),
            // the JDK exceptions Hazelcast's own wrap or rethrow across members
            IllegalStateException.class.getName(), IllegalArgumentException.class.getName(),
            NullPointerException.class.getName(), UnsupportedOperationException.class.getName(),
            java.util.concurrent.TimeoutException.class.getName(),
            java.util.concurrent.ExecutionException.class.getName(),
            java.util.concurrent.CancellationException.class.getName(),
            InterruptedException.class.getName(), IOException.class.getName(),
            // the registry's one exception that crosses members: a store write refused at the key's owner
            StoreUnavailableException.class.getName());
    return new JavaSerializationFilterConfig().setDefaultsDisabled(true).setWhitelist(allowed);
  }

  private static boolean anyJoinButMulticast(JoinConfig join) {
    return join.getTcpIpConfig().isEnabled() || join.getKubernetesConfig().isEnabled()
        || join.getAwsConfig().isEnabled() || join.getGcpConfig().isEnabled() || join.getAzureConfig().isEnabled()
        || join.getEurekaConfig().isEnabled() || join.getDiscoveryConfig().isEnabled();
  }

  private static void onlyTcpIp(JoinConfig join) {
    join.getKubernetesConfig().setEnabled(false);
    join.getAwsConfig().setEnabled(false);
    join.getGcpConfig().setEnabled(false);
    join.getAzureConfig().setEnabled(false);
    join.getEurekaConfig().setEnabled(false);
    join.getDiscoveryConfig().getDiscoveryStrategyConfigs().clear();
  }

  /** The member's address: an IP address literal of one of this machine's interfaces. */
  private static InetAddress localAddress(ClusterSettings cluster) {
    String host = cluster.host();
    if (!IPV4.matcher(host).matches() && !host.contains(":")) {
      throw ConfigException.invalid(ClusterSettings.HOST, host, "must be an IP address of this machine (the member"
          + " binds to it and advertises it to the others), not a host name");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw ConfigException.invalid(ClusterSettings.HOST, host, "must be an IP address of this machine");
    }
    if (address.isAnyLocalAddress()) {
      throw ConfigException.invalid(ClusterSettings.HOST, host, "must be the one address the member binds to and"
          + " advertises (a wildcard matches no interface; in a pod, use the pod IP)");
    }
    try {
      // every 127.0.0.0/8 address is this machine's (Linux routes the whole block to lo, aliased or not)
      if (!address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) == null) {
        throw ConfigException.invalid(ClusterSettings.HOST, host, "must be an address of one of this machine's"
            + " network interfaces");
      }
    } catch (SocketException e) {
      throw ConfigException.invalid(ClusterSettings.HOST, host, "cannot be checked against this machine's"
          + " interfaces (" + e.getMessage() + ")");
    }
    return address;
  }

  /** Taken now means taken at start: say so in one line (a port freed in between is simply used). */
  private static void checkPortFree(InetAddress host, ClusterSettings cluster) {
    if (cluster.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, cluster.port()));
    } catch (BindException e) {
      throw ConfigException.invalid(ClusterSettings.PORT, String.valueOf(cluster.port()), "must be a free port on "
          + host.getHostAddress() + "; it is in use");
    } catch (IOException e) {
      throw ConfigException.invalid(ClusterSettings.PORT, String.valueOf(cluster.port()), "cannot be bound on "
          + host.getHostAddress() + " (" + e.getMessage() + ")");
    }
  }
}
