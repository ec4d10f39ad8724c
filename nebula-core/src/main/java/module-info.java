/**
 * The nebula4j overlay node: configuration, firewall, devices, UDP underlay, Noise IX tunnels.
 *
 * <p>Public API lives in {@code dev.nebula4j.config}, {@code dev.nebula4j.firewall}, {@code
 * dev.nebula4j.device}, {@code dev.nebula4j.udp} and {@code dev.nebula4j.node}; everything under
 * {@code dev.nebula4j.internal} is hidden from users of the module.
 */
module dev.nebula4j.core {
  requires transitive dev.nebula4j.cert;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;
  requires org.slf4j;
  requires org.bouncycastle.provider;

  exports dev.nebula4j;
  exports dev.nebula4j.config;
  exports dev.nebula4j.device;
  exports dev.nebula4j.firewall;
  exports dev.nebula4j.node;
  exports dev.nebula4j.udp;
  // Add the export of a public package (config, device, udp, node) in the same commit as its
  // first class: javac refuses exports of empty packages.
}
