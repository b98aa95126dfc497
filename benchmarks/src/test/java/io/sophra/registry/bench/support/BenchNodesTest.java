package io.sophra.registry.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchNodesTest {

  /**
   * 500 ports: drawn one by one, each socket closed before the next, 500 draws repeated a port 13-20
   * times in each of five tries on this machine (Linux picks a random start in its port range for every
   * bind to port 0), so this fails for the way ports were drawn before.
   */
  @Test
  void portsDrawnTogetherAreDistinctAndFree() throws IOException {
    List<Integer> ports = BenchNodes.freePorts(500);

    assertEquals(500, new HashSet<>(ports).size(), ports::toString);
    for (int port : ports) {
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertEquals(port, bound.getLocalPort());
      }
    }
  }
}
