package dev.nebula4j.interop.harness;

import dev.nebula4j.net.IpNetwork;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One /27 of the test underlay 198.18.0.0/24, leased by this JVM for one {@link Underlay}, and the
 * IPv6 /64 {@code fd18:<k>::/64} that goes with slot {@code k} (a unique local address range, RFC
 * 4193) for underlays that also carry IPv6.
 *
 * <p>Inside namespaces any addresses would do, but a {@link JvmLink} puts an address and a route
 * into the root namespace, which every test JVM on the machine shares (several worktrees may run
 * {@code mvn verify} at once). Each underlay therefore leases a slot: an exclusive lock on {@code
 * /run/nebula4j-interop/underlay-slot-<k>.lock}, which the kernel releases when the JVM dies, so a
 * killed run never blocks the next one. Host {@code .1} of the slot belongs to the JVM link, hosts
 * {@code .2}..{@code .30} to namespaces; in IPv6 the same host numbers, {@code fd18:<k>::1} and up.
 */
final class UnderlaySlot implements AutoCloseable {
  static final int SLOTS = 8;
  static final int PREFIX_LENGTH = 27;
  static final int SLOT_SIZE = 32;
  static final int IPV6_PREFIX_LENGTH = 64;
  /** 198.18.0.0 as an int. */
  private static final int BASE = (198 << 24) | (18 << 16);
  private static final Path LOCK_DIR = Path.of("/run/nebula4j-interop");
  private static final Set<Integer> HELD_IN_THIS_JVM = new HashSet<>();

  private final int index;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private UnderlaySlot(int index, FileChannel channel, FileLock lock) {
    this.index = index;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Leases a free slot, waiting up to {@code timeout} for one when all are taken.
   *
   * @throws HarnessException when none became free in time
   */
  static UnderlaySlot lease(Duration timeout) {
    try {
      Files.createDirectories(LOCK_DIR);
    } catch (IOException e) {
      throw new HarnessException("cannot create " + LOCK_DIR + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int start = (int) (ResourceNames.ownPid() % SLOTS);
    while (true) {
      for (int i = 0; i < SLOTS; i++) {
        UnderlaySlot s = tryLease((start + i) % SLOTS);
        if (s != null) {
          return s;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new HarnessException(
            "all " + SLOTS + " underlay slots of 198.18.0.0/24 stayed taken for " + timeout
                + " (locks in " + LOCK_DIR + "; other test JVMs are running interop tests)");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarnessException("interrupted while waiting for an underlay slot", e);
      }
    }
  }

  private static UnderlaySlot tryLease(int index) {
    synchronized (HELD_IN_THIS_JVM) {
      if (HELD_IN_THIS_JVM.contains(index)) {
        return null;
      }
      FileChannel ch = null;
      try {
        ch =
            FileChannel.open(
                LOCK_DIR.resolve("underlay-slot-" + index + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
          ch.close();
          return null;
        }
        UnderlaySlot slot = new UnderlaySlot(index, ch, lock);
        if (!slot.freeInRootNamespace()) {
          slot.release();
          return null;
        }
        HELD_IN_THIS_JVM.add(index);
        return slot;
      } catch (IOException | OverlappingFileLockException e) {
        closeQuietly(ch);
        return null;
      }
    }
  }

  /**
   * Whether the root namespace has no address inside this slot (its IPv4 /27 or its IPv6 /64).
   * Addresses left by dead harness JVMs are removed; anything else (another program using these
   * ranges) makes the slot unusable.
   */
  private boolean freeInRootNamespace() {
    return freeInRootNamespace("-4", network().masked())
        && freeInRootNamespace("-6", ipv6Network());
  }

  private static boolean freeInRootNamespace(String family, IpNetwork range) {
    CommandResult r =
        Commands.run(Commands.ip(), "-o", family, "addr", "show", "to", range.toString());
    if (!r.succeeded()) {
      return false;
    }
    for (String line : Netns.lines(r.stdout())) {
      // "23: n4j-123-4    inet 198.18.0.1/27 scope global n4j-123-4\..."
      String[] f = line.split("\\s+");
      if (f.length < 2) {
        return false;
      }
      String dev = f[1];
      OptionalLong owner = ResourceNames.ownerPid(dev);
      if (owner.isPresent() && !ProcessStatus.isRunning(owner.getAsLong())) {
        Commands.run(Commands.ip(), "link", "del", dev);
      } else {
        return false;
      }
    }
    return true;
  }

  int index() {
    return index;
  }

  /** The slot's network with its first address, e.g. {@code 198.18.0.32/27}. */
  IpNetwork network() {
    return IpNetwork.ofIpv4(BASE + index * SLOT_SIZE, PREFIX_LENGTH);
  }

  /** Address {@code .n} of the slot, 1..30. */
  Inet4Address address(int n) {
    if (n < 1 || n > SLOT_SIZE - 2) {
      throw new IllegalArgumentException("host number must be 1.." + (SLOT_SIZE - 2) + ", was " + n);
    }
    return (Inet4Address) IpNetwork.ofIpv4(BASE + index * SLOT_SIZE + n, 32).address();
  }

  /** Address {@code .n} with the slot's prefix length, as {@code ip addr add} wants it. */
  IpNetwork interfaceAddress(int n) {
    return IpNetwork.of(address(n), PREFIX_LENGTH);
  }

  /** The slot's IPv6 network, {@code fd18:<k>::/64}. */
  IpNetwork ipv6Network() {
    return IpNetwork.parse("fd18:" + Integer.toHexString(index) + "::/" + IPV6_PREFIX_LENGTH);
  }

  /** IPv6 address {@code fd18:<k>::n} of the slot, n 1..30 as in IPv4. */
  Inet6Address address6(int n) {
    address(n); // same range check
    byte[] a = ipv6Network().addressBytes();
    a[15] = (byte) n;
    try {
      return (Inet6Address) InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new AssertionError("16 bytes are an IPv6 address", e);
    }
  }

  /** IPv6 address {@code fd18:<k>::n/64}, as {@code ip addr add} wants it. */
  IpNetwork interfaceAddress6(int n) {
    return IpNetwork.of(address6(n), IPV6_PREFIX_LENGTH);
  }

  @Override
  public void close() {
    synchronized (HELD_IN_THIS_JVM) {
      if (closed) {
        return;
      }
      closed = true;
      HELD_IN_THIS_JVM.remove(index);
      release();
    }
  }

  private void release() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }

  @Override
  public String toString() {
    return "underlay slot " + index + " (" + network().masked() + ")";
  }
}
