package io.sophra.registry.config;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address or a CIDR block of them ({@code 10.0.0.7}, {@code 10.0.0.0/8}, {@code fd00::/8}),
 * read from IP literals only: no name is ever looked up. IPv4 addresses written as IPv4-mapped IPv6
 * ({@code ::ffff:10.0.0.7}) count as the IPv4 address.
 */
public final class AddressBlock {

  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private AddressBlock(byte[] network, int prefixLength, String text) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = text;
  }

  /** The block {@code text} names, or empty when it is not an IP literal with an optional {@code /prefix}. */
  public static Optional<AddressBlock> parse(String text) {
    int slash = text.indexOf('/');
    Optional<byte[]> address = address(slash < 0 ? text : text.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int bits = address.get().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String length = text.substring(slash + 1);
      if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(length);
    }
    return Optional.of(new AddressBlock(address.get(), prefix, text));
  }

  /** The bytes of an IP literal (4 for IPv4, also when written IPv4-mapped; 16 for IPv6), or empty. */
  public static Optional<byte[]> address(String literal) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes == null) {
      return Optional.empty();
    }
    if (bytes.length == 16 && isIpv4Mapped(bytes)) {
      bytes = Arrays.copyOfRange(bytes, 12, 16);
    }
    return Optional.of(bytes);
  }

  /** Whether {@code address} (as {@link #address} gives it) lies in this block. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int restBits = prefixLength % 8;
    if (restBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - restBits)) & 0xFF;
    return (address[fullBytes] & mask) == (network[fullBytes] & mask);
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
  }

  @Override
  public String toString() {
    return text;
  }
}
