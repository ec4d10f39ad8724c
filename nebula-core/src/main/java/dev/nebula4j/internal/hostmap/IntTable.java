package dev.nebula4j.internal.hostmap;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code int → V} map for the packet path: lookups are lock-free and allocate nothing (no
 * boxing), writes copy the table (copy-on-write), which suits a host map that is read for every
 * packet and written once per handshake. Key 0 is reserved as the empty marker: Nebula never uses
 * index 0 or VPN address 0.0.0.0, and {@link #get(int) get(0)} returns {@code null}.
 *
 * <p>Writers must be serialised by the caller (the {@link HostMap} lock); readers need nothing.
 * Open addressing with linear probing, load factor at most 1/2.
 */
final class IntTable<V> {
  private static final int[] NO_KEYS = new int[2];
  private static final Object[] NO_VALUES = new Object[2];

  /** An immutable table: arrays are never written after publication. */
  private static final class Snapshot {
    final int[] keys;
    final Object[] values;
    final int size;

    Snapshot(int[] keys, Object[] values, int size) {
      this.keys = keys;
      this.values = values;
      this.size = size;
    }
  }

  private volatile Snapshot snapshot = new Snapshot(NO_KEYS, NO_VALUES, 0);

  /** The value for {@code key}, or {@code null}. Lock-free, allocation-free. */
  @SuppressWarnings("unchecked")
  V get(int key) {
    if (key == 0) {
      return null;
    }
    Snapshot s = snapshot;
    int[] keys = s.keys;
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      int k = keys[i];
      if (k == key) {
        return (V) s.values[i];
      }
      if (k == 0) {
        return null;
      }
      i = (i + 1) & mask;
    }
  }

  boolean containsKey(int key) {
    return get(key) != null;
  }

  int size() {
    return snapshot.size;
  }

  /** Sets {@code key → value} (caller holds the writers' lock); returns the previous value. */
  V put(int key, V value) {
    if (key == 0) {
      throw new IllegalArgumentException("key 0 is reserved");
    }
    if (value == null) {
      throw new IllegalArgumentException("null value");
    }
    V previous = get(key);
    Snapshot s = snapshot;
    int size = s.size + (previous == null ? 1 : 0);
    rebuild(s, key, value, size);
    return previous;
  }

  /**
   * Removes {@code key} if it maps to {@code expected} (by identity); caller holds the writers'
   * lock.
   */
  boolean remove(int key, V expected) {
    V current = get(key);
    if (current == null || current != expected) {
      return false;
    }
    Snapshot s = snapshot;
    rebuild(s, key, null, s.size - 1);
    return true;
  }

  /** The values, in no particular order. */
  @SuppressWarnings("unchecked")
  List<V> values() {
    Snapshot s = snapshot;
    List<V> out = new ArrayList<>(s.size);
    for (int i = 0; i < s.keys.length; i++) {
      if (s.keys[i] != 0) {
        out.add((V) s.values[i]);
      }
    }
    return out;
  }

  /** Rebuilds with {@code key} set to {@code value} ({@code null} = removed). */
  private void rebuild(Snapshot s, int key, V value, int size) {
    int capacity = 2;
    while (capacity < size * 2) {
      capacity <<= 1;
    }
    int[] keys = new int[capacity];
    Object[] values = new Object[capacity];
    for (int i = 0; i < s.keys.length; i++) {
      int k = s.keys[i];
      if (k != 0 && k != key) {
        insert(keys, values, k, s.values[i]);
      }
    }
    if (value != null) {
      insert(keys, values, key, value);
    }
    snapshot = new Snapshot(keys, values, size);
  }

  private static void insert(int[] keys, Object[] values, int key, Object value) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (keys[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
