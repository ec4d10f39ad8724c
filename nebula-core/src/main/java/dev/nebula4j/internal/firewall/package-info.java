/**
 * Firewall evaluation (spec §6): {@link dev.nebula4j.internal.firewall.Firewall} is the entry point
 * for the node's packet path ({@code inbound}/{@code outbound}/{@code filter} returning a {@link
 * dev.nebula4j.internal.firewall.Verdict}) and for {@code explain}; around it packet classification
 * into a locally oriented {@link dev.nebula4j.internal.firewall.FlowTuple}, compiled rule tables,
 * the conntrack table, drop counters and a {@link dev.nebula4j.internal.firewall.CoarseClock}.
 * Reject answers are built by {@code dev.nebula4j.internal.packet.RejectPackets}.
 */
package dev.nebula4j.internal.firewall;
