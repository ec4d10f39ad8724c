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
 *       reachable through the overlay, and tell me when that changes;
 *   <li>{@link dev.nebula4j.examples.TutorialMesh}, {@link dev.nebula4j.examples.CertificatesDoc}
 *       and {@link dev.nebula4j.examples.ConfigurationDoc}: the Java code shown in {@code
 *       docs/tutorial.md}, {@code docs/certificates.md} and {@code docs/configuration.md}.
 * </ul>
 *
 * <p>Code that a doc shows sits between {@code // doc:begin <file>} and {@code // doc:end}; a test
 * checks that the file has exactly those lines as a {@code ```java} block.
 */
package dev.nebula4j.examples;
