package dev.nebula4j.cli.node;

import java.util.Objects;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * The Unix signals {@code bin/nebula} reacts to, as Go nebula does: {@code SIGTERM} and {@code
 * SIGINT} stop the node, {@code SIGHUP} reloads the config. Installing a handler replaces the
 * JVM's default (which would run shutdown hooks and exit with 128 + signal), so the process can
 * close its tunnels and exit 0.
 *
 * <p>Handlers run on a thread the JVM starts for each delivered signal. The names passed to them
 * are Go's ({@code os.Signal.String()}): {@code terminated}, {@code interrupt}, {@code hangup}.
 */
final class ProcessSignals {
  private ProcessSignals() {}

  /** Calls {@code handler} with the signal's name on SIGTERM and SIGINT. */
  static void onTerminate(Consumer<String> handler) {
    Objects.requireNonNull(handler, "handler");
    Signal.handle(new Signal("TERM"), s -> handler.accept("terminated"));
    Signal.handle(new Signal("INT"), s -> handler.accept("interrupt"));
  }

  /** Calls {@code handler} on SIGHUP. */
  static void onHangup(Runnable handler) {
    Objects.requireNonNull(handler, "handler");
    Signal.handle(new Signal("HUP"), s -> handler.run());
  }
}
