package io.sophra.registry.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchNodesTest {

  @Test
  void portsDrawnTogetherAreDistinctAndFree() throws IOException {
    List<Integer> ports = BenchNodes.freePorts(64);

    assertEquals(64, new HashSet<>(ports).size(), ports::toString);
    for (int port : ports) {
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertEquals(port, bound.getLocalPort());
      }
    }
  }
}
