package io.sophra.registry.http;

import io.netty.util.NetUtil;
import io.sophra.registry.config.AddressBlock;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client behind a request, for refusal lines. It is the connection's peer unless
 * that peer is a configured trusted proxy ({@code MODEL_REGISTRY_HTTP_TRUSTED_PROXIES}); then
 * {@code X-Forwarded-For} is read from the right — each proxy appends the peer it saw — skipping
 * trusted proxies, and the first entry that is not one is the client. Entries left of it were written
 * by the client itself and are never believed, so a client cannot choose its address; with no trusted
 * proxy configured the header is ignored altogether. An entry that is not an IP address ends the walk
 * at the last trusted hop. The answer is always a canonical IP literal (never the header's text).
 */
public final class ClientAddress {

  private static final String FORWARDED_FOR = "X-Forwarded-For";

  private final List<AddressBlock> trustedProxies;

  public ClientAddress(List<AddressBlock> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** The client's address, or null when the connection has no IP peer (a Unix socket). */
  String of(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    Optional<byte[]> hop = peer == null || peer.hostAddress() == null ? Optional.empty()
        : AddressBlock.address(peer.hostAddress());
    if (hop.isEmpty()) {
      return null;
    }
    byte[] client = hop.get();
    if (!trustedProxies.isEmpty()) {
      List<String> forwarded = forwardedFor(request);
      for (int i = forwarded.size() - 1; i >= 0 && trusted(client); i--) {
        Optional<byte[]> next = AddressBlock.address(withoutPort(forwarded.get(i)));
        if (next.isEmpty()) {
          break;
        }
        client = next.get();
      }
    }
    return NetUtil.bytesToIpAddress(client);
  }

  private boolean trusted(byte[] address) {
    for (AddressBlock block : trustedProxies) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** Every {@code X-Forwarded-For} entry, in order, over all the header's lines. */
  private static List<String> forwardedFor(HttpServerRequest request) {
    List<String> entries = new ArrayList<>();
    for (String line : request.headers().getAll(FORWARDED_FOR)) {
      for (String entry : line.split(",")) {
        entries.add(entry.trim());
      }
    }
    return entries;
  }

  /** {@code 203.0.113.9:4711} and {@code [2001:db8::1]:4711} as proxies may write them, without the port. */
  private static String withoutPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      return close > 0 ? entry.substring(1, close) : entry;
    }
    int colon = entry.indexOf(':');
    return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
  }
}
