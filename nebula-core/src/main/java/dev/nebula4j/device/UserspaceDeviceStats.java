package dev.nebula4j.device;

/**
 * Counters of a {@link UserspaceDevice}, a snapshot.
 *
 * @param packetsIn packets the node wrote into the device and the device took
 * @param packetsOut packets the device handed to the node (application sends, pings, replies)
 * @param echoRepliesSent ICMP echo requests to our addresses answered by the device itself
 * @param droppedFull packets dropped because a receive queue or the buffer pool was full
 * @param droppedInvalid packets dropped as malformed (bad header or checksum, above the MTU)
 */
public record UserspaceDeviceStats(
    long packetsIn, long packetsOut, long echoRepliesSent, long droppedFull, long droppedInvalid) {

  /** All dropped packets. */
  public long dropped() {
    return droppedFull + droppedInvalid;
  }
}
