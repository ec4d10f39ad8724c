package dev.nebula4j.cli;

import dev.nebula4j.cli.node.NodeCommand;
import dev.nebula4j.config.ConfigException;
import dev.nebula4j.config.ConfigLoader;
import dev.nebula4j.config.ConfigProblem;
import dev.nebula4j.config.LoadedConfig;
import dev.nebula4j.config.PkiCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/nebula}: Go nebula's command line. Flags as Go's {@code flag} package parses them
 * (single or double dash, {@code -flag value} or {@code -flag=value}, booleans as {@code -test} or
 * {@code -test=true}): {@code -config PATH}, {@code -test}, {@code -version}, {@code -help}.
 *
 * <p>{@code -config PATH} runs a node until SIGTERM or SIGINT ({@link NodeCommand}: SIGHUP
 * reloads, log lines as Go's on standard output) and exits 0, or 1 if it cannot start. {@code
 * -config PATH -test} loads the file or directory, runs {@link PkiCheck}, prints every problem and
 * exits 0 (no errors) or 1, as Go's {@code -test}. Exit status 2 means bad flags.
 */
public final class NebulaMain {
  /** The version printed by {@code -version}. */
  static final String VERSION = "nebula4j-" + BuildVersion.get();

  private final PrintStream out;
  private final PrintStream err;

  NebulaMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int status = new NebulaMain(System.out, System.err).run(args);
    System.exit(status);
  }

  /** Go nebula's flags ({@code cmd/nebula/main.go}), bound by {@link GoFlagSet}. */
  @Command(name = "nebula")
  static final class Flags {
    @Option(names = {"-config", "--config"}, paramLabel = "string", defaultValue = "",
        description = "Path to either a file or directory to load configuration from")
    String config;

    @Option(names = {"-test", "--test"}, arity = "0", description = "Test the config and print"
        + " the end result. Non zero exit indicates a faulty config")
    boolean test;

    @Option(names = {"-version", "--version"}, arity = "0", description = "Print version")
    boolean version;

    @Option(names = {"-help", "--help"}, arity = "0", description = "Print command line usage")
    boolean help;
  }

  /** Runs the command; returns the exit status. */
  int run(String[] args) {
    Flags flags = new Flags();
    try {
      new GoFlagSet(flags).parse(List.of(args));
    } catch (GoFlagSet.BadFlag e) {
      err.println(e.getMessage());
      usage(err);
      return 2;
    } catch (HelpRequested e) { // -h
      usage(out);
      return 0;
    }
    if (flags.version) {
      out.println("Version: " + VERSION);
      return 0;
    }
    if (flags.help) {
      usage(out);
      return 0;
    }
    if (flags.config.isEmpty()) {
      out.println("-config flag must be set");
      usage(out);
      return 1;
    }
    Path config = Path.of(flags.config);
    return flags.test ? testConfig(config) : runNode(config);
  }

  /** {@code -test}: load, validate (including PKI), print every problem. */
  int testConfig(Path path) {
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.load(path);
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        out.println(p);
      }
      out.println("config test failed: " + e.errors().size() + " error(s) in " + path);
      return 1;
    }
    List<ConfigProblem> problems = new ArrayList<>(loaded.warnings());
    PkiCheck.Result pki = PkiCheck.run(loaded.config(), Instant.now());
    problems.addAll(pki.problems());
    long errors = problems.stream().filter(ConfigProblem::isError).count();
    for (ConfigProblem p : problems) {
      out.println(p);
    }
    if (errors > 0) {
      out.println("config test failed: " + errors + " error(s) in " + path);
      return 1;
    }
    out.println("config test passed: " + path);
    return 0;
  }

  /** Runs a node until SIGTERM or SIGINT ({@link NodeCommand}); 0, or 1 if it cannot start. */
  int runNode(Path path) {
    return new NodeCommand(path, out, VERSION).run();
  }

  private static void usage(PrintStream s) {
    s.println("Usage of nebula:");
    new GoFlagSet(new Flags()).printDefaults(s);
  }
}
