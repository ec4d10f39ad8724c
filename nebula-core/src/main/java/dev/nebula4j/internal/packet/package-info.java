/**
 * Raw IPv4/IPv6, ICMP, UDP and TCP packet helpers: checksums, parsing and building, all
 * allocation-free on {@code byte[]} with offsets ({@code check...} methods return an offset or a
 * negative {@link dev.nebula4j.internal.packet.PacketCheck} code instead of throwing), and {@link
 * dev.nebula4j.internal.packet.Ipv4Networks}, the address tables the packet paths match against. Also the
 * pooled {@link dev.nebula4j.internal.packet.PacketBuffer}s and bounded {@link
 * dev.nebula4j.internal.packet.PacketQueue}s that devices and the in-memory underlay queue packets
 * in.
 */
package dev.nebula4j.internal.packet;
