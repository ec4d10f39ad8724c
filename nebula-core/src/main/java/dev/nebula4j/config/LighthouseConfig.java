package dev.nebula4j.config;

import dev.nebula4j.net.IpNetwork;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The lighthouse section: whether this node is a lighthouse, which lighthouses it reports to,
 * its DNS server, and the allow lists over underlay addresses.
 *
 * @param amLighthouse serve as a lighthouse (needs a fixed listen.port) (YAML
 *     lighthouse.am_lighthouse)
 * @param serveDns run the DNS server (lighthouses only) (YAML lighthouse.serve_dns)
 * @param dnsHost address the DNS server binds to ("" = all) (YAML lighthouse.dns.host)
 * @param dnsPort DNS server port (YAML lighthouse.dns.port)
 * @param interval how often to report our addresses to the lighthouses (whole seconds; 0
 *     disables) (YAML lighthouse.interval)
 * @param hosts VPN addresses of the lighthouses; each needs a static_host_map entry (YAML
 *     lighthouse.hosts)
 * @param remoteAllowList which underlay addresses of peers may be used (YAML
 *     lighthouse.remote_allow_list)
 * @param remoteAllowRanges per-VPN-range remote allow lists (experimental) (YAML
 *     lighthouse.remote_allow_ranges)
 * @param localAllowList which of our own addresses are reported (YAML
 *     lighthouse.local_allow_list)
 * @param advertiseAddrs extra host:port reported to lighthouses (port 0 = our listen port)
 *     (YAML lighthouse.advertise_addrs)
 * @param calculatedRemotes underlay addresses guessed from VPN addresses (1.7+,
 *     experimental) (YAML lighthouse.calculated_remotes)
 */
public record LighthouseConfig(
    boolean amLighthouse,
    boolean serveDns,
    String dnsHost,
    int dnsPort,
    Duration interval,
    List<InetAddress> hosts,
    Optional<AllowList> remoteAllowList,
    Map<IpNetwork, AllowList> remoteAllowRanges,
    Optional<LocalAllowList> localAllowList,
    List<HostPort> advertiseAddrs,
    Map<IpNetwork, List<CalculatedRemote>> calculatedRemotes) {

  public LighthouseConfig {
    amLighthouse = amLighthouse;
    serveDns = serveDns;
    dnsHost = Checks.req(dnsHost, "lighthouse.dns.host");
    dnsPort = Checks.range(dnsPort, 0, 65535, "lighthouse.dns.port");
    interval = Checks.wholeSeconds(interval, "lighthouse.interval");
    hosts = Checks.req(List.copyOf(hosts), "lighthouse.hosts");
    remoteAllowList = Checks.req(remoteAllowList, "lighthouse.remote_allow_list");
    remoteAllowRanges = Checks.req(Checks.copyOrdered(remoteAllowRanges, "lighthouse.remote_allow_ranges"), "lighthouse.remote_allow_ranges");
    localAllowList = Checks.req(localAllowList, "lighthouse.local_allow_list");
    advertiseAddrs = Checks.req(List.copyOf(advertiseAddrs), "lighthouse.advertise_addrs");
    calculatedRemotes = Checks.req(Checks.copyOrdered(calculatedRemotes, "lighthouse.calculated_remotes"), "lighthouse.calculated_remotes");
  }

  /** Go nebula's defaults for this section. */
  public static LighthouseConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.amLighthouse = amLighthouse;
    b.serveDns = serveDns;
    b.dnsHost = dnsHost;
    b.dnsPort = dnsPort;
    b.interval = interval;
    b.hosts = hosts;
    b.remoteAllowList = remoteAllowList;
    b.remoteAllowRanges = remoteAllowRanges;
    b.localAllowList = localAllowList;
    b.advertiseAddrs = advertiseAddrs;
    b.calculatedRemotes = calculatedRemotes;
    return b;
  }

  /** Builds a {@link LighthouseConfig}; every setter validates its argument. */
  public static final class Builder {
    private boolean amLighthouse = false;
    private boolean serveDns = false;
    private String dnsHost = "";
    private int dnsPort = 53;
    private Duration interval = Duration.ofSeconds(10);
    private List<InetAddress> hosts = List.of();
    private Optional<AllowList> remoteAllowList = Optional.empty();
    private Map<IpNetwork, AllowList> remoteAllowRanges = Map.of();
    private Optional<LocalAllowList> localAllowList = Optional.empty();
    private List<HostPort> advertiseAddrs = List.of();
    private Map<IpNetwork, List<CalculatedRemote>> calculatedRemotes = Map.of();

    private Builder() {}

    /**
     * Serve as a lighthouse (needs a fixed listen.port). YAML {@code lighthouse.am_lighthouse}.
     */
    public Builder amLighthouse(boolean amLighthouse) {
      this.amLighthouse = amLighthouse;
      return this;
    }

    /**
     * Run the DNS server (lighthouses only). YAML {@code lighthouse.serve_dns}.
     */
    public Builder serveDns(boolean serveDns) {
      this.serveDns = serveDns;
      return this;
    }

    /**
     * Address the DNS server binds to ("" = all). YAML {@code lighthouse.dns.host}.
     */
    public Builder dnsHost(String dnsHost) {
      this.dnsHost = Checks.req(dnsHost, "lighthouse.dns.host");
      return this;
    }

    /**
     * DNS server port. YAML {@code lighthouse.dns.port}.
     */
    public Builder dnsPort(int dnsPort) {
      this.dnsPort = Checks.range(dnsPort, 0, 65535, "lighthouse.dns.port");
      return this;
    }

    /**
     * How often to report our addresses to the lighthouses (whole seconds; 0 disables). YAML
     * {@code lighthouse.interval}.
     */
    public Builder interval(Duration interval) {
      this.interval = Checks.wholeSeconds(interval, "lighthouse.interval");
      return this;
    }

    /**
     * VPN addresses of the lighthouses; each needs a static_host_map entry. YAML {@code
     * lighthouse.hosts}.
     */
    public Builder hosts(List<InetAddress> hosts) {
      this.hosts = Checks.req(List.copyOf(hosts), "lighthouse.hosts");
      return this;
    }

    /** Appends one entry to {@code lighthouse.hosts}. */
    public Builder addHost(InetAddress value) {
      List<InetAddress> l = new ArrayList<>(this.hosts);
      l.add(Objects.requireNonNull(value, "lighthouse.hosts"));
      return hosts(l);
    }

    /**
     * Which underlay addresses of peers may be used. YAML {@code lighthouse.remote_allow_list}.
     */
    public Builder remoteAllowList(Optional<AllowList> remoteAllowList) {
      this.remoteAllowList = Checks.req(remoteAllowList, "lighthouse.remote_allow_list");
      return this;
    }

    /**
     * Per-VPN-range remote allow lists (experimental). YAML {@code
     * lighthouse.remote_allow_ranges}.
     */
    public Builder remoteAllowRanges(Map<IpNetwork, AllowList> remoteAllowRanges) {
      this.remoteAllowRanges = Checks.req(Checks.copyOrdered(remoteAllowRanges, "lighthouse.remote_allow_ranges"), "lighthouse.remote_allow_ranges");
      return this;
    }

    /**
     * Which of our own addresses are reported. YAML {@code lighthouse.local_allow_list}.
     */
    public Builder localAllowList(Optional<LocalAllowList> localAllowList) {
      this.localAllowList = Checks.req(localAllowList, "lighthouse.local_allow_list");
      return this;
    }

    /**
     * Extra host:port reported to lighthouses (port 0 = our listen port). YAML {@code
     * lighthouse.advertise_addrs}.
     */
    public Builder advertiseAddrs(List<HostPort> advertiseAddrs) {
      this.advertiseAddrs = Checks.req(List.copyOf(advertiseAddrs), "lighthouse.advertise_addrs");
      return this;
    }

    /** Appends one entry to {@code lighthouse.advertise_addrs}. */
    public Builder addAdvertiseAddr(HostPort value) {
      List<HostPort> l = new ArrayList<>(this.advertiseAddrs);
      l.add(Objects.requireNonNull(value, "lighthouse.advertise_addrs"));
      return advertiseAddrs(l);
    }

    /**
     * Underlay addresses guessed from VPN addresses (1.7+, experimental). YAML {@code
     * lighthouse.calculated_remotes}.
     */
    public Builder calculatedRemotes(Map<IpNetwork, List<CalculatedRemote>> calculatedRemotes) {
      this.calculatedRemotes = Checks.req(Checks.copyOrdered(calculatedRemotes, "lighthouse.calculated_remotes"), "lighthouse.calculated_remotes");
      return this;
    }

    public LighthouseConfig build() {
      return new LighthouseConfig(amLighthouse, serveDns, dnsHost, dnsPort, interval, hosts, remoteAllowList, remoteAllowRanges, localAllowList, advertiseAddrs, calculatedRemotes);
    }
  }
}
