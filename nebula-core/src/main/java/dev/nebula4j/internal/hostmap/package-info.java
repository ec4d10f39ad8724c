/**
 * Established tunnels: {@link dev.nebula4j.internal.hostmap.Tunnel} (keys, counter, replay
 * window, remote address, liveness flags) and {@link dev.nebula4j.internal.hostmap.HostMap}, which
 * finds them by local index, VPN address and remote index without locks or allocation.
 */
package dev.nebula4j.internal.hostmap;
