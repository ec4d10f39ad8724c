package dev.nebula4j.device;

/**
 * Receives the IP packets a {@link Device} produced for the overlay: what the operating system or
 * the application wants to send to other nebula hosts. A node registers one with {@link
 * Device#start}; its implementation runs the outbound path (firewall, encrypt, UDP send).
 *
 * <p><b>Threading.</b> A device may call {@link #onPacket} from its own reader threads and, for
 * devices driven by the application like {@link UserspaceDevice}, from application threads, so
 * calls can be concurrent: implementations must be thread-safe. They should not block for long
 * (a bounded UDP send is fine) and must not throw; a device catches and counts what is thrown on
 * its own threads.
 */
@FunctionalInterface
public interface PacketHandler {

  /**
   * One raw IP packet (no link-layer header, no packet-information prefix) in {@code buf[off ..
   * off+len)}. The bytes are valid only during this call: the device reuses the buffer as soon as
   * the method returns, so copy whatever must outlive the call. Do not modify them.
   */
  void onPacket(byte[] buf, int off, int len);
}
