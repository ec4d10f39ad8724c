/**
 * Runnable examples of nebula4j as a library, each exercised by a test so it cannot rot:
 *
 * <ul>
 *   <li>{@link dev.nebula4j.examples.DemoMesh}: the README's first command ({@code
 *       bin/nebula4j-demo}) — a CA, the tutorial's two database nodes on loopback with userspace
 *       devices, pings and a UDP datagram across, the tunnel listing;
 *   <li>{@link dev.nebula4j.examples.EmbeddedPing}: the README's embedding snippet — a node from
 *       a Go nebula config file, a handshake, a ping;
 *   <li>{@link dev.nebula4j.examples.PeerWatch}: the core of a failover tool — is the peer
 *       reachable through the overlay, and tell me when that changes.
 * </ul>
 */
package dev.nebula4j.examples;
