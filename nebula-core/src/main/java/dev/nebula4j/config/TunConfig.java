package dev.nebula4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tun section: the virtual network device, its MTU and routes.
 *
 * @param disabled run without a device (lighthouse or relay only, no root needed) (YAML
 *     tun.disabled)
 * @param dev device name ("" lets the kernel choose) (YAML tun.dev)
 * @param dropLocalBroadcast drop packets to our network's broadcast address (YAML
 *     tun.drop_local_broadcast)
 * @param dropMulticast drop multicast packets (YAML tun.drop_multicast)
 * @param txQueue transmit queue length (YAML tun.tx_queue)
 * @param mtu device MTU (YAML tun.mtu)
 * @param routes MTU overrides for parts of the VPN network (YAML tun.routes)
 * @param unsafeRoutes non-nebula networks reached through a nebula gateway (YAML
 *     tun.unsafe_routes)
 * @param useSystemRouteTable learn unsafe routes from the kernel route table (Linux, 1.7+)
 *     (YAML tun.use_system_route_table)
 * @param useSystemRouteTableBufferSize netlink buffer for use_system_route_table (0 =
 *     default) (YAML tun.use_system_route_table_buffer_size)
 * @param routines deprecated per-device routines (use the top-level routines) (YAML
 *     tun.routines)
 */
public record TunConfig(
    boolean disabled,
    String dev,
    boolean dropLocalBroadcast,
    boolean dropMulticast,
    int txQueue,
    int mtu,
    List<TunRoute> routes,
    List<UnsafeRoute> unsafeRoutes,
    boolean useSystemRouteTable,
    int useSystemRouteTableBufferSize,
    int routines) {

  public TunConfig {
    disabled = disabled;
    dev = Checks.notNull(dev, "tun.dev");
    dropLocalBroadcast = dropLocalBroadcast;
    dropMulticast = dropMulticast;
    txQueue = Checks.range(txQueue, 0, Integer.MAX_VALUE, "tun.tx_queue");
    mtu = Checks.range(mtu, 500, 65535, "tun.mtu");
    routes = Checks.req(List.copyOf(routes), "tun.routes");
    unsafeRoutes = Checks.req(List.copyOf(unsafeRoutes), "tun.unsafe_routes");
    useSystemRouteTable = useSystemRouteTable;
    useSystemRouteTableBufferSize = Checks.range(useSystemRouteTableBufferSize, 0, Integer.MAX_VALUE, "tun.use_system_route_table_buffer_size");
    routines = Checks.range(routines, 1, 1024, "tun.routines");
  }

  /** Go nebula's defaults for this section. */
  public static TunConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.disabled = disabled;
    b.dev = dev;
    b.dropLocalBroadcast = dropLocalBroadcast;
    b.dropMulticast = dropMulticast;
    b.txQueue = txQueue;
    b.mtu = mtu;
    b.routes = routes;
    b.unsafeRoutes = unsafeRoutes;
    b.useSystemRouteTable = useSystemRouteTable;
    b.useSystemRouteTableBufferSize = useSystemRouteTableBufferSize;
    b.routines = routines;
    return b;
  }

  /** Builds a {@link TunConfig}; every setter validates its argument. */
  public static final class Builder {
    private boolean disabled = false;
    private String dev = "";
    private boolean dropLocalBroadcast = false;
    private boolean dropMulticast = false;
    private int txQueue = 500;
    private int mtu = 1300;
    private List<TunRoute> routes = List.of();
    private List<UnsafeRoute> unsafeRoutes = List.of();
    private boolean useSystemRouteTable = false;
    private int useSystemRouteTableBufferSize = 0;
    private int routines = 1;

    private Builder() {}

    /**
     * Run without a device (lighthouse or relay only, no root needed). YAML {@code
     * tun.disabled}.
     */
    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    /**
     * Device name ("" lets the kernel choose). YAML {@code tun.dev}.
     */
    public Builder dev(String dev) {
      this.dev = Checks.notNull(dev, "tun.dev");
      return this;
    }

    /**
     * Drop packets to our network's broadcast address. YAML {@code tun.drop_local_broadcast}.
     */
    public Builder dropLocalBroadcast(boolean dropLocalBroadcast) {
      this.dropLocalBroadcast = dropLocalBroadcast;
      return this;
    }

    /**
     * Drop multicast packets. YAML {@code tun.drop_multicast}.
     */
    public Builder dropMulticast(boolean dropMulticast) {
      this.dropMulticast = dropMulticast;
      return this;
    }

    /**
     * Transmit queue length. YAML {@code tun.tx_queue}.
     */
    public Builder txQueue(int txQueue) {
      this.txQueue = Checks.range(txQueue, 0, Integer.MAX_VALUE, "tun.tx_queue");
      return this;
    }

    /**
     * Device MTU. YAML {@code tun.mtu}.
     */
    public Builder mtu(int mtu) {
      this.mtu = Checks.range(mtu, 500, 65535, "tun.mtu");
      return this;
    }

    /**
     * MTU overrides for parts of the VPN network. YAML {@code tun.routes}.
     */
    public Builder routes(List<TunRoute> routes) {
      this.routes = Checks.req(List.copyOf(routes), "tun.routes");
      return this;
    }

    /** Appends one entry to {@code tun.routes}. */
    public Builder addRoute(TunRoute value) {
      List<TunRoute> l = new ArrayList<>(this.routes);
      l.add(Objects.requireNonNull(value, "tun.routes"));
      return routes(l);
    }

    /**
     * Non-nebula networks reached through a nebula gateway. YAML {@code tun.unsafe_routes}.
     */
    public Builder unsafeRoutes(List<UnsafeRoute> unsafeRoutes) {
      this.unsafeRoutes = Checks.req(List.copyOf(unsafeRoutes), "tun.unsafe_routes");
      return this;
    }

    /** Appends one entry to {@code tun.unsafe_routes}. */
    public Builder addUnsafeRoute(UnsafeRoute value) {
      List<UnsafeRoute> l = new ArrayList<>(this.unsafeRoutes);
      l.add(Objects.requireNonNull(value, "tun.unsafe_routes"));
      return unsafeRoutes(l);
    }

    /**
     * Learn unsafe routes from the kernel route table (Linux, 1.7+). YAML {@code
     * tun.use_system_route_table}.
     */
    public Builder useSystemRouteTable(boolean useSystemRouteTable) {
      this.useSystemRouteTable = useSystemRouteTable;
      return this;
    }

    /**
     * Netlink buffer for use_system_route_table (0 = default). YAML {@code
     * tun.use_system_route_table_buffer_size}.
     */
    public Builder useSystemRouteTableBufferSize(int useSystemRouteTableBufferSize) {
      this.useSystemRouteTableBufferSize = Checks.range(useSystemRouteTableBufferSize, 0, Integer.MAX_VALUE, "tun.use_system_route_table_buffer_size");
      return this;
    }

    /**
     * Deprecated per-device routines (use the top-level routines). YAML {@code tun.routines}.
     */
    public Builder routines(int routines) {
      this.routines = Checks.range(routines, 1, 1024, "tun.routines");
      return this;
    }

    public TunConfig build() {
      return new TunConfig(disabled, dev, dropLocalBroadcast, dropMulticast, txQueue, mtu, routes, unsafeRoutes, useSystemRouteTable, useSystemRouteTableBufferSize, routines);
    }
  }
}
