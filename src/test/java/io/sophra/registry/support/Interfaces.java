package io.sophra.registry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Optional;

/** This machine's addresses beyond loopback, to check that a server listens on loopback only. */
public final class Interfaces {

  private Interfaces() {
  }

  /** The first IPv4 address of this machine that is not loopback, if it has one. */
  public static Optional<InetAddress> externalIpv4() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
          .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()).findFirst();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether something accepts TCP connections on {@code address:port}. */
  public static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (ConnectException | SocketTimeoutException refused) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
