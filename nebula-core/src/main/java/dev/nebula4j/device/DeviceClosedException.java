package dev.nebula4j.device;

import java.io.IOException;

/** An operation on a {@link UserspaceDevice} (or one of its sockets) that is closed. */
public final class DeviceClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  public DeviceClosedException(String message) {
    super(message);
  }
}
