package dev.nebula4j.interop.harness;

import dev.nebula4j.config.LoggingConfig;
import dev.nebula4j.config.NebulaConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Debian's Go nebula ({@code /usr/bin/nebula}, 1.6.1) running inside a {@link Netns}: its config
 * (nebula4j's {@link NebulaConfig} written with {@link NebulaConfig#toYaml()}, or raw YAML) and PKI
 * files in a directory of its own, its log captured line by line ({@link NebulaLogLine},
 * also written to {@code nebula.log} there), started, restarted, crashed and stopped by the test.
 *
 * <pre>{@code
 * GoNebula lh = lab.goNebula("lighthouse", lhNs)
 *     .config(TutorialConfigs.lighthouse())
 *     .credentials(ca.issue("leuchtturm1", "10.10.10.1/24"))
 *     .start();                                   // returns once "Nebula interface is active"
 * lh.waitForLog("Handshake message received.*vpnIp=10.10.10.2", Duration.ofSeconds(5));
 * lh.restart();
 * }</pre>
 *
 * <p>Readiness is Go's own log line {@value #READY_MESSAGE}, printed after the UDP socket is bound
 * and the tun device (if any) is up with its address and routes.
 *
 * <p>The same wrapper runs nebula4j's own {@code bin/nebula} in a namespace ({@link
 * InteropLab#nebula4jCli}, {@link Builder#command}): it takes the same config file, prints the
 * same log lines and answers the same signals, so everything here works for both.
 */
public final class GoNebula implements AutoCloseable {
  /** Where Debian installs nebula. */
  public static final Path NEBULA = Path.of("/usr/bin/nebula");
  /** The log message Go nebula prints once it is up. */
  public static final String READY_MESSAGE = "Nebula interface is active";
  /** How long {@link #stop()} waits after SIGTERM before SIGKILL. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final Pattern PKI_SECTION = Pattern.compile("(?m)^pki:");

  private final String name;
  private final Netns netns;
  private final Path dir;
  private final HostCredentials credentials;
  private final NebulaConfig config;
  private final String rawYaml;
  private final Duration readyTimeout;
  private final List<String> command;
  private final String kind;
  private final Path configFile;
  private final Path logFile;

  /** Every log line of every run, in order. */
  private final AwaitableLog<NebulaLogLine> log = new AwaitableLog<>(this, NebulaLogLine::raw);
  /** Index in {@link #log} of the current run's first line; guarded by {@code this}. */
  private int runStart;
  /** Set under {@code this}; volatile for {@link #exited()}, called under the log's lock. */
  private volatile Process process;
  private volatile CountDownLatch readerDone = new CountDownLatch(0);
  private boolean closed;

  private GoNebula(Builder b) {
    this.name = b.name;
    this.netns = b.netns;
    this.dir = b.dir;
    this.credentials = b.credentials;
    this.config = b.config == null ? null : withHarnessPki(b.config, b.dir);
    this.rawYaml = b.rawYaml;
    this.readyTimeout = b.readyTimeout;
    this.command = b.command;
    this.kind = b.kind;
    this.configFile = dir.resolve("config.yml");
    this.logFile = dir.resolve("nebula.log");
  }

  /**
   * A builder for a node named {@code name} in {@code netns}, its files in {@code dir}. Tests
   * normally use {@link InteropLab#goNebula(String, Netns)}, which picks the directory and closes
   * the node after the test.
   */
  public static Builder builder(String name, Netns netns, Path dir) {
    return new Builder(name, netns, dir);
  }

  /** Whether Debian's nebula binary is installed. */
  public static boolean isInstalled() {
    return Files.isExecutable(NEBULA);
  }

  /**
   * (Re)starts the process with the same config and certificates, waiting for {@value
   * #READY_MESSAGE}.
   *
   * @throws IllegalStateException when it is already running
   * @throws HarnessException with the log when it exits or is not ready in time
   */
  public GoNebula start() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException(this + " is closed");
      }
      if (process != null && process.isAlive()) {
        throw new IllegalStateException(this + " is already running (pid " + process.pid() + ")");
      }
      writeFiles();
      runStart = log.size();
      List<String> argv = new ArrayList<>(command);
      argv.add("-config");
      argv.add(configFile.toString());
      Process p = Commands.start(Commands.inNamespace(netns.name(), argv), dir);
      process = p;
      CountDownLatch done = new CountDownLatch(1);
      readerDone = done;
      Commands.runAsync(() -> readLog(p, done));
    }
    try {
      waitForLog(Pattern.compile(Pattern.quote("msg=\"" + READY_MESSAGE + "\"")), readyTimeout);
    } catch (AssertionError e) {
      stopProcess(Duration.ZERO);
      throw new HarnessException(
          this + " did not become ready: " + e.getMessage() + "\nconfig " + configFile + ":\n"
              + readQuietly(configFile));
    }
    return this;
  }

  /** SIGTERM (Go nebula closes its tunnels, telling peers), then SIGKILL after {@link #STOP_GRACE}. */
  public void stop() {
    stopProcess(STOP_GRACE);
  }

  /** SIGKILL: a crash, peers are not told. */
  public void kill() {
    stopProcess(Duration.ZERO);
  }

  /** {@link #stop()} then {@link #start()}. */
  public GoNebula restart() {
    stop();
    return start();
  }

  /** SIGHUP: Go nebula reloads its config (rewrite it first with a new builder if needed). */
  public void reload() {
    long pid = pid();
    Commands.run("/bin/kill", "-HUP", Long.toString(pid)).requireSuccess();
  }

  private void stopProcess(Duration grace) {
    Process p;
    CountDownLatch done;
    synchronized (this) {
      p = process;
      done = readerDone;
    }
    if (p == null) {
      return;
    }
    try {
      // signal through the ProcessHandle: Process.destroy() also closes our end of the output
      // pipe, and Go dies of SIGPIPE at its next log line ("Caught signal, shutting down"),
      // before it sends closeTunnel to its peers
      if (p.isAlive() && !grace.isZero()) {
        p.toHandle().destroy();
        p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
      if (p.isAlive()) {
        p.toHandle().destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      done.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readLog(Process p, CountDownLatch done) {
    try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter w =
            Files.newBufferedWriter(
                logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      w.write("# --- nebula started, pid " + p.pid() + " ---\n");
      w.flush();
      String line;
      while ((line = r.readLine()) != null) {
        log.add(NebulaLogLine.parse(line));
        w.write(line);
        w.write('\n');
        w.flush();
      }
    } catch (IOException e) {
      // the stream closes when the process dies; what was read is kept
    } finally {
      done.countDown();
      log.wakeAll();
    }
  }

  private void writeFiles() {
    HostCredentials.PkiFiles pki = credentials.writeTo(dir);
    String yaml;
    if (config != null) {
      yaml = config.toYaml();
    } else if (PKI_SECTION.matcher(rawYaml).find()) {
      yaml = rawYaml;
    } else {
      yaml =
          "pki:\n  ca: \"" + pki.ca() + "\"\n  cert: \"" + pki.cert() + "\"\n  key: \"" + pki.key()
              + "\"\n" + rawYaml;
    }
    try {
      Files.writeString(configFile, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HarnessException("cannot write " + configFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code config} with the {@code pki} section pointing at the files {@link
   * HostCredentials#writeTo} writes into {@code dir}, and {@code logging.format: text} (the
   * harness parses the log).
   */
  static NebulaConfig withHarnessPki(NebulaConfig.Builder config, Path dir) {
    HostCredentials.PkiFiles files = HostCredentials.pkiFiles(dir);
    return config
        .pki(p -> p.ca(files.ca().toString()).cert(files.cert().toString()).key(files.key().toString()))
        .logging(l -> l.format(LoggingConfig.Format.TEXT))
        .build();
  }

  private static NebulaConfig withHarnessPki(NebulaConfig config, Path dir) {
    return withHarnessPki(config.toBuilder(), dir);
  }

  /**
   * Writes {@code config} (with the harness's {@code pki} section) and {@code credentials} into
   * {@code dir} and runs {@code nebula -test -config}: Go's own verdict on config and PKI files,
   * nothing started, no root needed.
   */
  public static CommandResult testConfig(
      NebulaConfig.Builder config, HostCredentials credentials, Path dir) {
    credentials.writeTo(dir);
    Path file = dir.resolve("config.yml");
    try {
      Files.writeString(file, withHarnessPki(config, dir).toYaml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return Commands.run(NEBULA.toString(), "-test", "-config", file.toString());
  }

  /** The config this node runs with (pki pointing at its directory), when built from a model. */
  public Optional<NebulaConfig> config() {
    return Optional.ofNullable(config);
  }

  /** A position in the log; lines after it can be awaited with {@link #waitForLogAfter}. */
  public record LogMark(int index) {}

  /** The current end of the log. */
  public LogMark mark() {
    return new LogMark(log.size());
  }

  /**
   * Waits for a line of the current run whose raw text matches {@code regex} ({@link
   * java.util.regex.Matcher#find()}).
   *
   * @throws AssertionError with the log tail when none appears within {@code timeout} or the
   *     process exits first
   */
  public NebulaLogLine waitForLog(String regex, Duration timeout) {
    return waitForLog(Pattern.compile(regex), timeout);
  }

  /** Like {@link #waitForLog(String, Duration)} with a compiled pattern. */
  public NebulaLogLine waitForLog(Pattern pattern, Duration timeout) {
    int from;
    synchronized (this) {
      from = runStart;
    }
    return waitForLogAfter(new LogMark(from), pattern, timeout);
  }

  /** Waits for a line with exactly this {@code msg} field in the current run. */
  public NebulaLogLine waitForMessage(String message, Duration timeout) {
    return waitForLog(Pattern.compile("msg=\"?" + Pattern.quote(message) + "(\"| |$)"), timeout);
  }

  /** Waits for a matching line after {@code mark}. */
  public NebulaLogLine waitForLogAfter(LogMark mark, Pattern pattern, Duration timeout) {
    return log.await(mark.index(), pattern, timeout, this::exited).orElseThrow(() -> {
      Process p = process;
      String why =
          exited()
              ? "exited" + (p == null ? " (never started)" : " with " + p.exitValue())
              : "printed nothing matching within " + timeout;
      return new AssertionError(
          this + " " + why + " while waiting for /" + pattern + "/; last lines:\n" + tail(40));
    });
  }

  /** Whether the process is gone and its whole output read (or it never started). */
  private boolean exited() {
    Process p = process;
    return p == null || (!p.isAlive() && readerDone.getCount() == 0);
  }

  /** Whether the current run's log has a line matching {@code regex} (no waiting). */
  public synchronized boolean hasLog(String regex) {
    return log.contains(runStart, Pattern.compile(regex));
  }

  /** Every log line of every run so far. */
  public List<NebulaLogLine> logs() {
    return log.entriesFrom(0);
  }

  /** The log lines of the current (or last) run. */
  public synchronized List<NebulaLogLine> currentRunLogs() {
    return log.entriesFrom(runStart);
  }

  /** The last {@code n} raw log lines, one per line, for failure messages. */
  public String tail(int n) {
    return log.tail(n);
  }

  /** The pid of the running process. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(this + " was never started");
    }
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public String name() {
    return name;
  }

  public Netns netns() {
    return netns;
  }

  /** The directory holding config, PKI files and {@code nebula.log}. */
  public Path directory() {
    return dir;
  }

  public Path configFile() {
    return configFile;
  }

  public Path logFile() {
    return logFile;
  }

  public HostCredentials credentials() {
    return credentials;
  }

  /** The node's overlay address, from its certificate ({@code 10.10.10.2}). */
  public InetAddress overlayAddress() {
    return credentials.overlay().address();
  }

  /**
   * Where peers reach it: its namespace's underlay address and the configured listen port (only for
   * nodes configured with a {@link NebulaConfig} and a fixed port).
   */
  public InetSocketAddress underlayEndpoint() {
    if (config == null || config.listen().port() == 0) {
      throw new IllegalStateException(this + " has no fixed listen.port from a NebulaConfig");
    }
    return new InetSocketAddress(netns.underlayAddress(), config.listen().port());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      stop();
    } finally {
      GlobalTeardown.unregister(this);
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return kind + " '" + name + "' (" + credentials.overlay() + ") in " + netns.name();
  }

  /** Builds and starts a {@link GoNebula}. Either {@link #config} or {@link #configYaml} is needed. */
  public static final class Builder {
    private final String name;
    private final Netns netns;
    private final Path dir;
    private HostCredentials credentials;
    private NebulaConfig.Builder config;
    private String rawYaml;
    private Duration readyTimeout = Duration.ofSeconds(15);
    private List<String> command = List.of(NEBULA.toString());
    private String kind = "Go nebula";
    private InteropLab lab;

    private Builder(String name, Netns netns, Path dir) {
      this.name = Objects.requireNonNull(name, "name");
      this.netns = Objects.requireNonNull(netns, "netns");
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    Builder ownedBy(InteropLab lab) {
      this.lab = lab;
      return this;
    }

    /**
     * The node's config as nebula4j's model (e.g. {@link TutorialConfigs#node}); any {@code pki}
     * section is replaced by the files the harness writes, {@code logging.format} is set to text.
     */
    public Builder config(NebulaConfig.Builder config) {
      this.config = Objects.requireNonNull(config, "config");
      this.rawYaml = null;
      return this;
    }

    /** Like {@link #config(NebulaConfig.Builder)} for a built config. */
    public Builder config(NebulaConfig config) {
      return config(config.toBuilder());
    }

    /**
     * A config as YAML text. Without a top-level {@code pki:} section the harness prepends one
     * pointing at the files it writes from {@link #credentials}.
     */
    public Builder configYaml(String yaml) {
      this.rawYaml = Objects.requireNonNull(yaml, "yaml");
      this.config = null;
      return this;
    }

    public Builder credentials(HostCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Runs {@code command} (followed by {@code -config <file>}) instead of {@code
     * /usr/bin/nebula}: another nebula with Go's command line, such as nebula4j's ({@link
     * Nebula4jCli#command()}).
     *
     * @param kind what it is, for messages ("nebula4j bin/nebula")
     */
    public Builder command(List<String> command, String kind) {
      if (command.isEmpty()) {
        throw new IllegalArgumentException("command must not be empty");
      }
      this.command = List.copyOf(command);
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** How long {@link GoNebula#start()} waits for {@value GoNebula#READY_MESSAGE} (15 s). */
    public Builder readyTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readyTimeout must be positive, was " + timeout);
      }
      this.readyTimeout = timeout;
      return this;
    }

    /** Creates the node without starting it; {@link GoNebula#start()} runs it. */
    public GoNebula build() {
      if (credentials == null) {
        throw new IllegalStateException("GoNebula '" + name + "' needs credentials(...)");
      }
      if (config == null && rawYaml == null) {
        throw new IllegalStateException("GoNebula '" + name + "' needs config(...) or configYaml(...)");
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
      }
      GoNebula n = new GoNebula(this);
      GlobalTeardown.register(n);
      if (lab != null) {
        lab.manage(n);
      }
      return n;
    }

    /** Creates and starts the node; returns once it is ready. */
    public GoNebula start() {
      return build().start();
    }
  }
}
