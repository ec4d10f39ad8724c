package dev.nebula4j.internal.node;

import dev.nebula4j.config.RecvErrorPolicy;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * {@code listen.send_recv_error} and {@code listen.accept_recv_error} (spec §2.7): {@code always},
 * {@code never}, or {@code private} — only when the underlay address is private in the sense of
 * Go's {@code net.IP.IsPrivate}: 10/8, 172.16/12, 192.168/16, fc00::/7.
 */
final class RecvErrorPolicies {
  private RecvErrorPolicies() {}

  static boolean allows(RecvErrorPolicy policy, InetSocketAddress peer) {
    return switch (policy) {
      case ALWAYS -> true;
      case NEVER -> false;
      case PRIVATE -> isPrivate(peer.getAddress());
    };
  }

  static boolean isPrivate(InetAddress a) {
    if (a instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
      byte[] b = v6.getAddress();
      return isPrivateV4(b[12] & 0xFF, b[13] & 0xFF);
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isPrivateV4(b[0] & 0xFF, b[1] & 0xFF);
    }
    return (b[0] & 0xFE) == 0xFC;
  }

  private static boolean isPrivateV4(int b0, int b1) {
    return b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168);
  }
}
