/**
 * Established tunnels, indexed by local index and by VPN address.
 */
package dev.nebula4j.internal.hostmap;
