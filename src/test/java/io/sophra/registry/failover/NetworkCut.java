package io.sophra.registry.failover;

import io.sophra.registry.failover.RegistryProcesses.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Cuts one node off from the others for real, with iptables: DROP rules in a chain of this test's
 * own, hooked into INPUT (every loopback packet passes it), so packets are sent and silently lost, as
 * in a real network split. Only the nodes' own addresses and Hazelcast and event-bus ports are
 * matched, so nothing else on the machine is touched (the test's HTTP clients, on 127.0.0.1, still
 * reach every node). {@link #close} removes the chain, also from a JVM shutdown hook should the test
 * JVM die first. If iptables cannot apply rules here, {@link #create} fails the test saying why.
 */
final class NetworkCut implements AutoCloseable {

  private final String chain = "MR-CUT-" + UUID.randomUUID().toString().substring(0, 8);
  private final Thread cleanup = new Thread(this::removeQuietly, "remove-" + chain);
  private boolean hooked;

  private NetworkCut() {
  }

  /** A new, empty chain hooked into INPUT; an AssertionError naming the reason when iptables cannot. */
  static NetworkCut create() {
    NetworkCut cut = new NetworkCut();
    Runtime.getRuntime().addShutdownHook(cut.cleanup);
    try {
      cut.iptables("-N", cut.chain);
      cut.iptables("-I", "INPUT", "1", "-j", cut.chain);
      cut.hooked = true;
      return cut;
    } catch (AssertionError e) {
      cut.close();
      throw e;
    }
  }

  /** Drops every packet between {@code isolated} and each of {@code others} on their cluster and event-bus ports. */
  void isolate(Node isolated, List<Node> others) {
    for (int port : List.of(isolated.clusterPort(), isolated.eventBusPort())) {
      iptables("-A", chain, "-p", "tcp", "-d", isolated.host(), "--dport", String.valueOf(port), "-j", "DROP");
      iptables("-A", chain, "-p", "tcp", "-s", isolated.host(), "--sport", String.valueOf(port), "-j", "DROP");
    }
    for (Node other : others) {
      for (int port : List.of(other.clusterPort(), other.eventBusPort())) {
        iptables("-A", chain, "-p", "tcp", "-s", isolated.host(), "-d", other.host(), "--dport", String.valueOf(port),
            "-j", "DROP");
        iptables("-A", chain, "-p", "tcp", "-s", other.host(), "-d", isolated.host(), "--sport", String.valueOf(port),
            "-j", "DROP");
      }
    }
  }

  /** Removes every rule: the network is whole again. */
  void heal() {
    iptables("-F", chain);
  }

  /** How many rules the chain holds now. */
  int rules() {
    return (int) iptables("-S", chain).lines().filter(line -> line.startsWith("-A")).count();
  }

  @Override
  public void close() {
    removeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook removes the chain itself
    }
  }

  private synchronized void removeQuietly() {
    List<String> failures = new ArrayList<>();
    for (String[] command : List.of(new String[] {"-D", "INPUT", "-j", chain}, new String[] {"-F", chain},
        new String[] {"-X", chain})) {
      try {
        iptables(command);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    if (hooked && !failures.isEmpty()) {
      System.err.println("NetworkCut: removing chain " + chain + " left errors: " + failures);
    }
    hooked = false;
  }

  private String iptables(String... arguments) {
    List<String> command = new ArrayList<>(List.of("iptables", "-w", "5"));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("iptables cannot apply rules on this machine (" + String.join(" ", command) + "): "
            + output.strip() + " — the partition test needs iptables and the right to use it (root or CAP_NET_ADMIN)");
      }
      return output;
    } catch (IOException e) {
      throw new AssertionError("iptables cannot be run on this machine: " + e.getMessage()
          + " — the partition test needs it (.ci/run installs it)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running iptables");
    }
  }
}
