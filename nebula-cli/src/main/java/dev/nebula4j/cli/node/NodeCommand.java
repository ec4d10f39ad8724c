package dev.nebula4j.cli.node;

import dev.nebula4j.cli.logging.CliLogging;
import dev.nebula4j.cli.logging.LogLineFormatter;
import dev.nebula4j.cli.logging.LogSettings;
import dev.nebula4j.config.ConfigDiff;
import dev.nebula4j.config.ConfigException;
import dev.nebula4j.config.ConfigLoader;
import dev.nebula4j.config.ConfigProblem;
import dev.nebula4j.config.HostPort;
import dev.nebula4j.config.LoadedConfig;
import dev.nebula4j.config.LoggingConfig;
import dev.nebula4j.config.NebulaConfig;
import dev.nebula4j.config.PkiCheck;
import dev.nebula4j.node.NebulaNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * {@code bin/nebula -config PATH}: runs one node from a Go nebula config, with Go nebula's
 * process behaviour.
 *
 * <ul>
 *   <li><b>Start</b> ({@link #start}): load the file or directory, apply {@code logging.*}, load
 *       the PKI and build the {@link NebulaNode}, refuse {@code tun.disabled: false} (there is no
 *       kernel TUN device yet; it comes with {@code nebula-tun-jnr}), bind {@code listen.host:
 *       listen.port}, log {@code Nebula interface is active}. Any failure is logged as one line
 *       per problem naming the file and key, without a stack trace, and the process exits 1.
 *   <li><b>SIGHUP</b> ({@link #reload}): re-read and check the config (YAML and PKI). A config
 *       with errors is refused as a whole: every problem is logged and the running config stays.
 *       Otherwise every changed key is logged ({@link ConfigDiff}, the private key redacted):
 *       {@code logging.*}, the firewall and the trusted CAs and blocklist ({@link
 *       NebulaNode#reload}; {@code pki.ca} is read again even if unchanged, as Go does) apply at
 *       once; every other change is logged as needing a restart.
 *   <li><b>SIGTERM / SIGINT</b> ({@link #requestStop}): close the node (closeTunnel to every
 *       peer, sockets and threads released), log {@code Goodbye}, exit 0.
 * </ul>
 *
 * <p>With {@code tun.disabled: true} the node has no device and answers ICMP echo requests to
 * its own VPN address, as Go nebula does.
 */
public final class NodeCommand {
  private static final Logger log = LoggerFactory.getLogger(NodeCommand.class);
  /** Longest config value shown in a reload log line. */
  private static final int MAX_VALUE_CHARS = 160;

  private final Path configPath;
  private final PrintStream logOut;
  private final Clock clock;
  private final String build;
  private final Object lock = new Object();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private NebulaConfig running; // guarded by lock; the config in effect
  private volatile NebulaNode node;

  /**
   * @param configPath the {@code -config} file or directory
   * @param logOut where log lines go (standard output for {@code bin/nebula}, as Go)
   * @param build the version shown in the {@code build} field
   */
  public NodeCommand(Path configPath, PrintStream logOut, String build) {
    this.configPath = Objects.requireNonNull(configPath, "configPath");
    this.logOut = Objects.requireNonNull(logOut, "logOut");
    this.clock = Clock.systemDefaultZone();
    this.build = Objects.requireNonNull(build, "build");
  }

  /**
   * The whole life of {@code bin/nebula}: installs the signal handlers, starts, waits for
   * SIGTERM or SIGINT, closes.
   *
   * @return the exit status: 0 after a signal, 1 if the node could not start
   */
  public int run() {
    CliLogging.apply(LogSettings.defaults(logOut));
    // Handlers go in before the node starts, so that once "Nebula interface is active" is logged
    // a signal can never meet the JVM's default action: a SIGTERM during start-up closes the node
    // right after it started, a SIGHUP then is logged and ignored (Go also catches HUP early).
    List<String> ignored = new ArrayList<>(ProcessSignals.onTerminate(this::requestStop));
    ignored.addAll(ProcessSignals.onHangup(() -> {
      log.info("Caught HUP, reloading config");
      try {
        reload();
      } catch (RuntimeException e) {
        // never let a reload end the process or print a stack trace from the signal thread
        log.atError().addKeyValue("error", LogLineFormatter.errorText(e))
            .log("Reload failed, the node keeps running with the previous config");
      }
    }));
    if (!start()) {
      return 1;
    }
    // SIGINT is routinely ignored by background jobs; an ignored SIGHUP (nohup) or SIGTERM matters
    ignored.remove("SIGINT");
    if (!ignored.isEmpty()) {
      log.atWarn().addKeyValue("signals", String.join(",", ignored))
          .log("These signals were ignored when this process started (e.g. by nohup) and the JVM"
              + " cannot take them over: they will do nothing (SIGHUP: no config reload)");
    }
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    return 0;
  }

  /**
   * Loads the config and starts the node; on failure logs why (one line per problem) and
   * releases what it took.
   *
   * @return whether the node runs
   */
  public boolean start() {
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.load(configPath);
    } catch (ConfigException e) {
      logProblems("Failed to load config", e.errors());
      return false;
    }
    NebulaConfig config = loaded.config();
    applyLogging(config.logging());
    for (ConfigProblem w : loaded.warnings()) {
      logProblem(log.atWarn(), w).log("Config warning");
    }
    NebulaNode n;
    try {
      n = NebulaNode.builder(config).build();
    } catch (ConfigException e) {
      logProblems("Failed to load the pki from config", e.errors());
      return false;
    } catch (IllegalArgumentException e) {
      log.atError().addKeyValue("config_path", configPath.toString())
          .addKeyValue("error", "pki.cert: " + e.getMessage())
          .log("Failed to load certificate from config");
      return false;
    }
    if (!config.tun().disabled()) {
      n.close();
      log.atError().addKeyValue("config_path", configPath.toString())
          .addKeyValue("error", "tun.disabled is false, but nebula4j has no kernel TUN device"
              + " yet (it comes with nebula-tun-jnr); set tun.disabled: true to run without one")
          .log("Failed to get a tun/tap device");
      return false;
    }
    try {
      n.start();
    } catch (BindException e) {
      log.atError().addKeyValue("error", "listen.host/listen.port: " + e.getMessage())
          .log("Failed to open udp listener");
      return false;
    } catch (IOException | RuntimeException e) {
      log.atError().addKeyValue("error", LogLineFormatter.errorText(e))
          .log("Failed to start");
      return false;
    }
    synchronized (lock) {
      running = config;
      node = n;
    }
    log.atInfo().addKeyValue("build", build)
        .addKeyValue("interface", "disabled")
        .addKeyValue("network", n.certificate().networks().get(0).toString())
        .addKeyValue("udpAddr", hostPort(n.listenAddress()))
        .log("Nebula interface is active");
    return true;
  }

  /** The running node, or null before a successful {@link #start}. */
  public NebulaNode node() {
    return node;
  }

  /** What SIGTERM and SIGINT do: logs the signal and lets {@link #run} close the node. */
  public void requestStop(String signal) {
    log.atInfo().addKeyValue("signal", signal).log("Caught signal, shutting down");
    stopRequested.countDown();
  }

  /** Closes the node (closeTunnel to every peer) and logs {@code Goodbye}. Idempotent. */
  public void close() {
    NebulaNode n = node;
    if (n != null) {
      n.close();
    }
    log.info("Goodbye");
  }

  /**
   * What SIGHUP does: re-reads and checks the config; applies it or keeps the running one.
   * Serialized: concurrent calls run one after the other.
   */
  public ReloadOutcome reload() {
    synchronized (lock) {
      if (running == null) {
        log.warn("Reload requested before the node started; ignored");
        return ReloadOutcome.refused(List.of());
      }
      LoadedConfig loaded;
      try {
        loaded = ConfigLoader.load(configPath);
      } catch (ConfigException e) {
        return refuse(e.errors());
      }
      NebulaConfig next = loaded.config();
      PkiCheck.Result pki = PkiCheck.run(next, clock.instant());
      List<ConfigProblem> pkiErrors = new ArrayList<>();
      for (ConfigProblem p : pki.problems()) {
        if (p.isError()) {
          pkiErrors.add(p);
        }
      }
      if (!pkiErrors.isEmpty()) {
        return refuse(pkiErrors);
      }
      for (ConfigProblem w : loaded.warnings()) {
        logProblem(log.atWarn(), w).log("Config warning");
      }
      for (ConfigProblem w : pki.problems()) {
        logProblem(log.atWarn(), w).log("Config warning");
      }
      ConfigDiff diff = running.diff(next);
      try {
        // firewall, trusted CAs (read again even if pki.ca is unchanged) and blocklist
        node.reload(next);
      } catch (ConfigException e) {
        return refuse(e.errors());
      } catch (IllegalStateException e) {
        log.atWarn().addKeyValue("error", e.getMessage()).log("Reload skipped");
        return ReloadOutcome.refused(List.of());
      }
      List<String> applied = new ArrayList<>();
      List<String> restart = new ArrayList<>();
      for (ConfigDiff.Change c : diff.changes()) {
        boolean now = c.section().equals("logging") || NebulaNode.RELOADED_KEYS.contains(c.key());
        (now ? applied : restart).add(c.key());
      }
      applyLogging(next.logging());
      running = node.config().toBuilder().logging(next.logging()).build();
      for (ConfigDiff.Change c : diff.changes()) {
        boolean now = applied.contains(c.key());
        LoggingEventBuilder line = now ? log.atInfo() : log.atWarn();
        line.addKeyValue("key", c.key())
            .addKeyValue("old", shown(c.oldValue()))
            .addKeyValue("new", shown(c.newValue()))
            .log(now ? "Config change applied"
                : c.reloadable() ? "Config change needs a restart: nebula4j does not reload it yet"
                : "Config change needs a restart");
      }
      if (!restart.isEmpty()) {
        log.atWarn().addKeyValue("keys", String.join(",", restart))
            .log("Restart nebula to apply these changes; the node keeps running with the old values");
      }
      log.atInfo().addKeyValue("config_path", configPath.toString())
          .addKeyValue("applied", applied.size())
          .addKeyValue("needRestart", restart.size())
          .log(diff.isEmpty() ? "Config reloaded, nothing changed" : "Config reloaded");
      return new ReloadOutcome(true, List.of(), diff, applied, restart);
    }
  }

  private ReloadOutcome refuse(List<ConfigProblem> errors) {
    logProblems("Error occurred while reloading config", errors);
    log.atError().addKeyValue("config_path", configPath.toString())
        .addKeyValue("errors", errors.size())
        .log("Reload refused, the node keeps running with the previous config");
    return ReloadOutcome.refused(errors);
  }

  private void applyLogging(LoggingConfig logging) {
    CliLogging.apply(LogSettings.from(logging, logOut, clock));
  }

  private void logProblems(String message, List<ConfigProblem> problems) {
    for (ConfigProblem p : problems) {
      logProblem(log.atError(), p).log(message);
    }
  }

  private LoggingEventBuilder logProblem(LoggingEventBuilder b, ConfigProblem p) {
    b.addKeyValue("config_path", configPath.toString());
    if (!p.path().isEmpty()) {
      b.addKeyValue("key", p.path());
    }
    p.location().ifPresent(l -> b.addKeyValue("location", l.toString()));
    return b.addKeyValue("error", p.message());
  }

  /** A config value for a log line: no PEM blocks (and never a private key), not too long. */
  static String shown(String value) {
    if (value.contains("PRIVATE KEY") || value.equals("<redacted>")) {
      return "<redacted>";
    }
    if (value.contains("-----BEGIN")) {
      return "<inline PEM>";
    }
    String oneLine = value.replace('\n', ' ');
    return oneLine.length() <= MAX_VALUE_CHARS ? oneLine
        : oneLine.substring(0, MAX_VALUE_CHARS) + "...";
  }

  static String hostPort(InetSocketAddress a) {
    return HostPort.of(a).toString();
  }
}
