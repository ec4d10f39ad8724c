/**
 * Raw IPv4/IPv6, ICMP, UDP and TCP packet helpers: checksums, parsing and building.
 */
package dev.nebula4j.internal.packet;
