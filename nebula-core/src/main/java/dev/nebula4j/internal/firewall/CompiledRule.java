package dev.nebula4j.internal.firewall;

import dev.nebula4j.firewall.FirewallPeer;
import dev.nebula4j.firewall.FirewallRule;
import dev.nebula4j.firewall.PortSelector;
import dev.nebula4j.firewall.Protocol;
import dev.nebula4j.internal.packet.Ipv4Networks;
import dev.nebula4j.net.IpNetwork;
import java.util.List;
import java.util.Locale;

/**
 * One {@link FirewallRule} prepared for matching (spec §6.3):
 *
 * <pre>
 * proto AND port AND (ca_sha OR ca_name OR no CA selector) AND (host OR groups OR cidr) AND local_cidr
 * </pre>
 *
 * <ul>
 *   <li>port: ICMP packets only match rules whose port is {@code any} (ICMP rules ignore their
 *       port, Go 1.11); non-first fragments match {@code fragment} and {@code any}; other packets
 *       match {@code any} or a range holding the destination port of the table's direction.
 *   <li>peer: {@code host: any}, {@code group: any}, a {@code cidr} of prefix length 0, or no
 *       host/groups/cidr at all match every peer; otherwise the certificate name equals {@code
 *       host}, or the certificate holds every group of {@code groups}, or the remote address lies
 *       in {@code cidr}.
 *   <li>local_cidr: prefix length 0 matches everything; absent means every local address, except
 *       when our certificate has unsafe networks and {@code default_local_cidr_any} is off: then
 *       only our VPN networks.
 *   <li>{@code ca_sha} is compared case-insensitively with the peer's issuer fingerprint (hex
 *       carries no case; Go compares exactly against its lower-case form).
 * </ul>
 *
 * Immutable; matching allocates nothing.
 */
final class CompiledRule {
  static final int PORT_ANY = 0;
  static final int PORT_FRAGMENT = 1;
  static final int PORT_RANGE = 2;

  final int index;
  final FirewallRule rule;
  final String text;
  final int protocol;
  private final int portKind;
  private final int portFrom;
  private final int portTo;
  private final String caSha;
  private final String caName;
  private final boolean anyPeer;
  private final String host;
  private final String[] groups;
  private final boolean hasCidr4;
  private final int cidrNet;
  private final int cidrMask;
  private final boolean localAny;
  private final Ipv4Networks localNetworks;

  CompiledRule(int index, FirewallRule rule, LocalAddresses local, boolean defaultLocalCidrAny) {
    this.index = index;
    this.rule = rule;
    this.text = RuleText.render(rule);
    this.protocol = rule.proto() == Protocol.ANY ? 0 : rule.proto().number();
    PortSelector port = rule.proto() == Protocol.ICMP ? PortSelector.ANY : rule.port();
    this.portKind =
        switch (port.kind()) {
          case ANY -> PORT_ANY;
          case FRAGMENT -> PORT_FRAGMENT;
          case RANGE -> PORT_RANGE;
        };
    this.portFrom = port.from();
    this.portTo = port.to();
    this.caSha = rule.caSha().map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    this.caName = rule.caName().orElse(null);
    this.anyPeer = rule.matchesAnyPeer();
    this.host = rule.host().orElse(null);
    this.groups = rule.groups().toArray(new String[0]);
    IpNetwork cidr = rule.cidr().orElse(null);
    this.hasCidr4 = cidr != null && cidr.isIpv4();
    this.cidrMask = hasCidr4 ? cidr.ipv4Netmask() : 0;
    this.cidrNet = hasCidr4 ? cidr.ipv4Address() & cidrMask : 0;

    IpNetwork lc = rule.localCidr().orElse(null);
    if (lc != null) {
      this.localAny = lc.prefixLength() == 0;
      this.localNetworks = localAny ? Ipv4Networks.EMPTY : Ipv4Networks.of(List.of(lc));
    } else if (!local.hasUnsafeNetworks() || defaultLocalCidrAny) {
      this.localAny = true;
      this.localNetworks = Ipv4Networks.EMPTY;
    } else {
      this.localAny = false;
      this.localNetworks = local.vpn;
    }
  }

  /**
   * Whether the rule admits the IPv4 tuple from {@code peer}, judged as a packet of the {@code
   * inboundTable} direction (which picks the port: inbound the local, outbound the remote one).
   * The protocol is assumed to have been checked by the caller's table bucket.
   */
  boolean matches(FlowTuple t, boolean inboundTable, FirewallPeer peer) {
    // port
    if (PacketClassifier.isIcmp(t.protocol)) {
      if (portKind != PORT_ANY) {
        return false;
      }
    } else if (t.fragment) {
      if (portKind == PORT_RANGE) {
        return false;
      }
    } else if (portKind != PORT_ANY) {
      if (portKind == PORT_FRAGMENT) {
        return false;
      }
      int p = t.rulePort(inboundTable);
      if (p < portFrom || p > portTo) {
        return false;
      }
    }
    // local_cidr
    if (!localAny && !localNetworks.contains(t.localIpv4())) {
      return false;
    }
    // CA
    if (caSha != null || caName != null) {
      boolean ca =
          (caSha != null && caSha.equals(peer.issuerFingerprint()))
              || (caName != null && caName.equals(peer.caName()));
      if (!ca) {
        return false;
      }
    }
    // peer
    if (anyPeer) {
      return true;
    }
    if (groups.length > 0 && hasAllGroups(peer)) {
      return true;
    }
    if (host != null && host.equals(peer.name())) {
      return true;
    }
    return hasCidr4 && (t.remoteIpv4() & cidrMask) == cidrNet;
  }

  /**
   * Why the rule does not admit the tuple (for {@code explain}), or {@code null} when it does. Checks
   * the same selectors in the same order as {@link #matches}, plus the protocol; allocates.
   */
  String mismatch(FlowTuple t, boolean inboundTable, FirewallPeer peer) {
    String proto = FlowTuple.protocolName(t.protocol);
    boolean icmp = PacketClassifier.isIcmp(t.protocol);
    if (protocol != 0 && protocol != t.protocol && !(icmp && protocol == PacketClassifier.PROTO_ICMP)) {
      return "proto " + rule.proto().configName() + " does not admit " + proto;
    }
    if (icmp) {
      if (portKind != PORT_ANY) {
        return "port " + rule.port() + ": " + proto + " is only admitted by port any";
      }
    } else if (t.fragment) {
      if (portKind == PORT_RANGE) {
        return "port " + rule.port() + ": a non-first fragment is only admitted by port fragment or any";
      }
    } else if (portKind == PORT_FRAGMENT) {
      return "port fragment: the packet is not a non-first fragment";
    } else if (portKind == PORT_RANGE) {
      int p = t.rulePort(inboundTable);
      if (p < portFrom || p > portTo) {
        return "port " + rule.port() + ": the packet goes to port " + p;
      }
    }
    String localAddress = IpNetwork.formatIpv4(t.localIpv4());
    if (!localAny && !localNetworks.contains(t.localIpv4())) {
      return rule.localCidr().isPresent()
          ? "local_cidr " + rule.localCidr().get() + ": local address " + localAddress + " is outside"
          : "no local_cidr and we have unsafe networks, so only our VPN networks are admitted: local"
              + " address " + localAddress + " is outside";
    }
    if ((caSha != null || caName != null)
        && !((caSha != null && caSha.equals(peer.issuerFingerprint()))
            || (caName != null && caName.equals(peer.caName())))) {
      return "ca_name/ca_sha: the peer was signed by '" + peer.caName() + "' ("
          + (peer.issuerFingerprint().isEmpty() ? "unknown fingerprint" : peer.issuerFingerprint())
          + ")";
    }
    if (matches(t, inboundTable, peer)) {
      return null;
    }
    return "host/group/cidr: peer '" + peer.name() + "' with groups " + peer.groups()
        + " at " + IpNetwork.formatIpv4(t.remoteIpv4()) + " matches none";
  }

  private boolean hasAllGroups(FirewallPeer peer) {
    for (String g : groups) {
      if (!peer.hasGroup(g)) {
        return false;
      }
    }
    return true;
  }
}
