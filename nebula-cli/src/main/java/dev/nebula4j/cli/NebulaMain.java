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
  static final String VERSION = "nebula4j-0.1.0";

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

  /** Runs the command; returns the exit status. */
  int run(String[] args) {
    String config = "";
    boolean test = false;
    boolean version = false;
    boolean help = false;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-") || a.equals("-") ) {
        rest.add(a);
        continue;
      }
      if (a.equals("--")) {
        for (int j = i + 1; j < args.length; j++) {
          rest.add(args[j]);
        }
        break;
      }
      String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      switch (name) {
        case "config":
          if (value == null) {
            if (i + 1 >= args.length) {
              err.println("flag needs an argument: -config");
              usage(err);
              return 2;
            }
            value = args[++i];
          }
          config = value;
          break;
        case "test":
        case "version":
        case "help":
        case "h":
          Boolean b = value == null ? Boolean.TRUE : GoStrings.parseBool(value);
          if (b == null) {
            err.println("invalid boolean value \"" + value + "\" for -" + name
                + ": parse error");
            usage(err);
            return 2;
          }
          if (name.equals("test")) {
            test = b;
          } else if (name.equals("version")) {
            version = b;
          } else {
            help = b;
          }
          break;
        default:
          err.println("flag provided but not defined: -" + name);
          usage(err);
          return 2;
      }
    }
    if (version) {
      out.println("Version: " + VERSION);
      return 0;
    }
    if (help) {
      usage(out);
      return 0;
    }
    if (config.isEmpty()) {
      out.println("-config flag must be set");
      usage(out);
      return 1;
    }
    return test ? testConfig(Path.of(config)) : runNode(Path.of(config));
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
    s.println("  -config string");
    s.println("    \tPath to either a file or directory to load configuration from");
    s.println("  -help");
    s.println("    \tPrint command line usage");
    s.println("  -test");
    s.println("    \tTest the config and print the end result. Non zero exit indicates a faulty"
        + " config");
    s.println("  -version");
    s.println("    \tPrint version");
  }
}
