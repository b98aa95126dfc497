package io.sophra.registry.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for test servers, below Linux's ephemeral range (32768–60999 by default).
 *
 * <p>A port the kernel handed out for {@code bind(0)} lies in the ephemeral range, the same range it
 * draws the source ports of outgoing connections from. Once a member listening on such a port is
 * killed, another member reconnecting to it can be given that very port as its source port and TCP
 * connects the socket to itself; Hazelcast then takes the dead member's address for its own
 * ("Connecting to self!") and fails the operations meant for it (seen once in {@code FailoverIT}).
 * Production members listen on fixed ports (5701) and do not meet this; tests pick theirs from
 * 10000–32000, and never hand out the same port twice in one JVM.
 */
public final class Ports {

  private static final int LOWEST = 10_000;
  private static final int HIGHEST = 32_000;
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  private Ports() {
  }

  public static int free() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
      if (GIVEN.contains(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        if (GIVEN.add(port)) {
          return port;
        }
      } catch (IOException taken) {
        // in use: try another
      }
    }
    throw new IllegalStateException("no free loopback port in " + LOWEST + "-" + HIGHEST + " after 1,000 tries");
  }
}
