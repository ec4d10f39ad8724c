package dev.nebula4j.cli.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The Unix signals {@code bin/nebula} reacts to, as Go nebula does: {@code SIGTERM} and {@code
 * SIGINT} stop the node, {@code SIGHUP} reloads the config. Installing a handler replaces the
 * JVM's default (which would run shutdown hooks and exit with 128 + signal), so the process can
 * close its tunnels and exit 0.
 *
 * <p>Unlike Go, the JVM cannot take over a signal its parent set to be ignored ({@code nohup}
 * ignores SIGHUP, a shell's background job ignores SIGINT): the handler is registered but the
 * signal is never delivered. The install methods report such signals so the command can say so.
 *
 * <p>Handlers run on a thread the JVM starts for each delivered signal. The names passed to them
 * are Go's ({@code os.Signal.String()}): {@code terminated}, {@code interrupt}, {@code hangup}.
 */
final class ProcessSignals {
  private ProcessSignals() {}

  /**
   * Calls {@code handler} with the signal's name on SIGTERM and SIGINT.
   *
   * @return the names ({@code SIGTERM}, {@code SIGINT}) of those this process ignores
   */
  static List<String> onTerminate(Consumer<String> handler) {
    Objects.requireNonNull(handler, "handler");
    List<String> ignored = new ArrayList<>();
    install("TERM", s -> handler.accept("terminated"), ignored);
    install("INT", s -> handler.accept("interrupt"), ignored);
    return ignored;
  }

  /**
   * Calls {@code handler} on SIGHUP.
   *
   * @return {@code ["SIGHUP"]} if this process ignores SIGHUP (it will never be called), else empty
   */
  static List<String> onHangup(Runnable handler) {
    Objects.requireNonNull(handler, "handler");
    List<String> ignored = new ArrayList<>();
    install("HUP", s -> handler.run(), ignored);
    return ignored;
  }

  private static void install(String name, SignalHandler handler, List<String> ignored) {
    SignalHandler previous = Signal.handle(new Signal(name), handler);
    if (previous == SignalHandler.SIG_IGN) {
      ignored.add("SIG" + name);
    }
  }
}
