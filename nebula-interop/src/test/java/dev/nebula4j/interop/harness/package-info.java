/**
 * The interop test harness: Go nebula 1.6.1 nodes and plain Linux tools in network namespaces that
 * a test creates and always removes again.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.nebula4j.interop.harness.InteropTest} on a test class, and an {@link
 *       dev.nebula4j.interop.harness.InteropLab} parameter in a test method: the lab owns
 *       everything the test creates and closes it after the test, also when it fails. The class is
 *       skipped (not failed) without root, {@code ip netns} or {@code /usr/bin/nebula}.
 *   <li>{@link dev.nebula4j.interop.harness.Underlay}: a "switch" namespace with a bridge on a
 *       /27 of 198.18.0.0/24 leased for this process, host namespaces attached to it ({@link
 *       dev.nebula4j.interop.harness.Netns}), and optionally a veth into the test JVM's own
 *       namespace ({@link dev.nebula4j.interop.harness.JvmLink}) for in-process Java nodes.
 *   <li>{@link dev.nebula4j.interop.harness.GoNebula}: Debian's {@code /usr/bin/nebula} in a
 *       namespace, from nebula4j's {@link dev.nebula4j.config.NebulaConfig} (presets in {@link
 *       dev.nebula4j.interop.harness.TutorialConfigs}) or raw YAML, with
 *       certificates from a {@link dev.nebula4j.interop.harness.CertificateIssuer}.
 *   <li>Probes run inside namespaces: {@code ping} ({@link
 *       dev.nebula4j.interop.harness.PingResult}), TCP connects ({@link
 *       dev.nebula4j.interop.harness.TcpProbe}), a {@code socat} UDP echo and TCP listener.
 * </ul>
 *
 * <p>Traffic never leaves what the test created: the namespaces have no default route, only the
 * leased /27 and the overlay 10.10.10.0/24 behind the tun devices of the Go nodes.
 */
package dev.nebula4j.interop.harness;
