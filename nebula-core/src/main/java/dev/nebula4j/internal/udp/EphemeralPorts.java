package dev.nebula4j.internal.udp;

import java.util.function.IntPredicate;

/**
 * Hands out ephemeral ports round-robin from the IANA dynamic range 49152..65535, skipping ports in
 * use, as a kernel does for port 0: what the in-memory network and the userspace device's UDP
 * sockets bind to when asked for port 0. Not thread-safe; callers hold their bind lock.
 */
public final class EphemeralPorts {
  public static final int FIRST = 49152;
  public static final int LAST = 0xFFFF;

  private int next = FIRST;

  /** The next port that {@code inUse} does not claim, or -1 when every port of the range is. */
  public int next(IntPredicate inUse) {
    for (int i = 0; i <= LAST - FIRST; i++) {
      int candidate = next;
      next = candidate == LAST ? FIRST : candidate + 1;
      if (!inUse.test(candidate)) {
        return candidate;
      }
    }
    return -1;
  }
}
