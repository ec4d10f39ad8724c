package dev.nebula4j.internal.header;

import java.util.Arrays;

/**
 * The per-tunnel receive window over 64-bit message counters (spec §2.5): a 1024-entry bitmap of
 * which counters near the highest one have been received.
 *
 * <h2>Protocol</h2>
 *
 * <ol>
 *   <li>{@link #check(long)} before decrypting: {@code false} means the counter is a duplicate or
 *       too old, so the packet is dropped without spending a decryption on it (and without
 *       re-initialising a cipher with a used nonce, which JDK 17's ChaCha20-Poly1305 refuses).
 *   <li>{@link #update(long)} only after the packet authenticated: it records the counter and
 *       returns {@code false} if, in the meantime, the same counter was recorded (for example by
 *       another thread that decrypted a copy of the packet); the packet is then dropped too.
 * </ol>
 *
 * <h2>Semantics</h2>
 *
 * <p>Let {@code current} be the highest counter recorded (0 initially). The window is the
 * counters {@code current − 1023 … current}; during warm-up ({@code current < 1024}) it is
 * {@code 0 … current}. A counter above {@code current} is always acceptable; one inside the window
 * is acceptable iff not yet recorded; anything older is rejected. Recording a counter above {@code
 * current} slides the window: counters skipped over become "not received" slots that later
 * packets may still fill. Counters are unsigned 64-bit values.
 *
 * <p>Loss accounting: a counter counts as <em>lost</em> when it leaves the window without having
 * been received. So reordered packets that arrive within the window are never counted as lost, and
 * after a jump of {@code d > 1024} the {@code d − 1024} counters that were skipped entirely are
 * lost at once. Counter 0 is never used by Nebula (handshake messages are 1 and 2, data starts at
 * 3) and is excluded from loss accounting; it is still accepted once during warm-up, as in Go.
 * Go's own loss counter is approximate (it counts some jumps differently); the node-level metric
 * "lost" here is exact in the sense above.
 *
 * <h2>Thread-safety</h2>
 *
 * <p>Safe for concurrent callers: every method is {@code synchronized} on the window. A node checks
 * and updates a tunnel's window from the one receive thread that handles that tunnel, so the lock
 * is uncontended (tens of nanoseconds per packet) and nothing is allocated.
 */
public final class ReplayWindow {
  /** Number of counters the window remembers. */
  public static final int SIZE = 1024;

  private static final int MASK = SIZE - 1;

  private static final int REJECTED = 0;
  private static final int AHEAD = 1;
  private static final int IN_WINDOW = 2;

  private final long[] bits = new long[SIZE / 64];
  private long current;
  private long lost;
  private long duplicates;
  private long tooOld;

  /**
   * Whether a packet with {@code counter} may be decrypted: true if the counter is above the
   * highest recorded one, or inside the window and not yet recorded. Rejections are counted as
   * duplicates or too old.
   */
  public synchronized boolean check(long counter) {
    return classify(counter) != REJECTED;
  }

  /**
   * Records {@code counter} after its packet authenticated.
   *
   * @return {@code true} if recorded; {@code false} if it was already recorded or is too old (the
   *     packet must then be dropped)
   */
  public synchronized boolean update(long counter) {
    switch (classify(counter)) {
      case AHEAD -> advanceTo(counter);
      case IN_WINDOW -> set(counter);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The highest counter recorded so far (0 if none). */
  public synchronized long current() {
    return current;
  }

  /** Counters that left the window without having been received (see class comment). */
  public synchronized long lost() {
    return lost;
  }

  /** Rejections of a counter that was already recorded, by {@link #check} or {@link #update}. */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** Rejections of a counter older than the window, by {@link #check} or {@link #update}. */
  public synchronized long tooOld() {
    return tooOld;
  }

  @Override
  public synchronized String toString() {
    return "ReplayWindow[current=" + Long.toUnsignedString(current) + ", lost=" + lost
        + ", duplicates=" + duplicates + ", tooOld=" + tooOld + "]";
  }

  /**
   * {@link #AHEAD} (above current), {@link #IN_WINDOW} (inside and not yet recorded) or {@link
   * #REJECTED}, counting each rejection as a duplicate or as too old.
   */
  private int classify(long counter) {
    if (Long.compareUnsigned(counter, current) > 0) {
      return AHEAD;
    }
    if (!inWindow(counter)) {
      tooOld++;
      return REJECTED;
    }
    if (isSet(counter)) {
      duplicates++;
      return REJECTED;
    }
    return IN_WINDOW;
  }

  /** Whether counter ≤ current lies in the window (caller guarantees counter ≤ current). */
  private boolean inWindow(long counter) {
    // Warm-up: the window is 0..current. Afterwards current-1023..current: current-counter < SIZE.
    return Long.compareUnsigned(current, SIZE) < 0
        || Long.compareUnsigned(current - counter, SIZE) < 0;
  }

  private void advanceTo(long counter) {
    long distance = counter - current; // unsigned, >= 1
    if (Long.compareUnsigned(distance, SIZE) >= 0) {
      // Every counter of the old window leaves it; count the ones never received.
      long low = Long.compareUnsigned(current, SIZE) < 0 ? 1 : current - MASK;
      if (Long.compareUnsigned(current, low) >= 0) {
        long received = 0;
        for (long word : bits) {
          received += Long.bitCount(word);
        }
        if (Long.compareUnsigned(current, SIZE) < 0 && isSet(0)) {
          received--; // counter 0 is outside the loss accounting
        }
        lost += (current - low + 1) - received;
      }
      // Counters strictly between the old and the new window were skipped entirely.
      lost += distance - SIZE;
      Arrays.fill(bits, 0L);
    } else {
      // Slide slot by slot: each slot from current+1 to counter now stands for a new counter;
      // the counter it held before (k - 1024) leaves the window.
      for (long k = current + 1; k != counter; k++) {
        evict(k);
        clear(k);
      }
      evict(counter);
    }
    set(counter);
    current = counter;
  }

  /** Counts as lost the counter {@code k - 1024} that slot {@code k} held, if never received. */
  private void evict(long k) {
    if (Long.compareUnsigned(k, SIZE) > 0 && !isSet(k)) {
      lost++;
    }
  }

  private boolean isSet(long counter) {
    int slot = (int) (counter & MASK);
    return (bits[slot >>> 6] & (1L << slot)) != 0;
  }

  private void set(long counter) {
    int slot = (int) (counter & MASK);
    bits[slot >>> 6] |= 1L << slot;
  }

  private void clear(long counter) {
    int slot = (int) (counter & MASK);
    bits[slot >>> 6] &= ~(1L << slot);
  }
}
