package dev.nebula4j.cli.cert;

import dev.nebula4j.cli.BuildVersion;
import dev.nebula4j.cli.GoFlagSet;
import dev.nebula4j.cli.HelpRequested;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nebula-cert}: global flags, mode dispatch, and Go's error and usage output. {@link
 * #run} returns the exit code: 0 on success or help, 1 on any error.
 */
public final class NebulaCertTool {
  private final CliContext ctx;

  private NebulaCertTool(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Runs with the real process environment (stdout, stderr, current directory, console). */
  public static int runWithSystem(String[] args) {
    String prog = System.getProperty("nebula4j.argv0", "nebula-cert");
    CliContext ctx = new CliContext(System.out, System.err, Path.of("").toAbsolutePath(),
        System.getenv(), PassphraseReader.console(), Clock.systemUTC(), ZoneId.systemDefault(),
        prog);
    return new NebulaCertTool(ctx).run(Arrays.asList(args));
  }

  /** Runs against an explicit context (tests). */
  static int run(CliContext ctx, String... args) {
    return new NebulaCertTool(ctx).run(Arrays.asList(args));
  }

  @Command(name = "nebula-cert")
  static final class GlobalFlags {
    @Option(names = {"-version", "--version"}, arity = "0", description = "Print version")
    boolean version;

    @Option(names = {"-help", "--help"}, arity = "0", description = "Print command line usage")
    boolean help;

    @Option(names = {"-h", "--h"}, arity = "0", description = "Print command line usage")
    boolean h;
  }

  private int run(List<String> args) {
    GlobalFlags global = new GlobalFlags();
    List<String> rest;
    try {
      rest = new GoFlagSet(global).parse(args);
    } catch (GoFlagSet.BadFlag e) {
      ctx.err().println(e.getMessage());
      help("");
      return 1;
    } catch (HelpRequested e) {
      help("");
      return 1;
    }
    boolean printUsage = global.help || global.h;
    if (global.version) {
      ctx.out().println("Version: " + version());
      return 0;
    }
    if (rest.isEmpty()) {
      if (printUsage) {
        help("");
        return 0;
      }
      help("No mode was provided");
      return 1;
    }
    String modeName = rest.get(0);
    Mode mode = mode(modeName);
    if (printUsage) {
      if (mode != null) {
        modeHelp(mode);
      }
      return 0;
    }
    if (mode == null) {
      ctx.err().println("Error: unknown mode: " + modeName);
      return 1;
    }
    try {
      try {
        new GoFlagSet(mode).parse(rest.subList(1, rest.size()));
      } catch (GoFlagSet.BadFlag e) {
        throw CliException.flag(e.getMessage());
      }
      mode.run(ctx);
      return 0;
    } catch (HelpRequested e) {
      modeHelp(mode);
      return 0;
    } catch (CliException e) {
      if (e.rawFlagMessage() != null) {
        ctx.err().println(e.rawFlagMessage());
      }
      if (!e.getMessage().isEmpty()) {
        ctx.err().println("Error: " + e.getMessage());
      }
      if (e.showUsage()) {
        modeHelp(mode);
      }
      return 1;
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  private static Mode mode(String name) {
    return switch (name) {
      case "ca" -> new CaMode();
      case "keygen" -> new KeygenMode();
      case "sign" -> new SignMode();
      case "print" -> new PrintMode();
      case "verify" -> new VerifyMode();
      default -> null;
    };
  }

  private void modeHelp(Mode mode) {
    PrintStream err = ctx.err();
    err.print("Usage of " + ctx.programName() + " " + mode.summary() + "\n");
    new GoFlagSet(mode).printDefaults(err);
    err.flush();
  }

  private void help(String error) {
    StringBuilder s = new StringBuilder();
    if (!error.isEmpty()) {
      s.append("Error: ").append(error).append("\n\n");
    }
    s.append("Usage of ").append(ctx.programName()).append(" <global flags> <mode>:\n");
    s.append("  Global flags:\n");
    s.append("    -version: Prints the version\n");
    s.append("    -h, -help: Prints this help message\n");
    s.append('\n');
    s.append("  Modes:\n");
    for (String m : List.of("ca", "keygen", "sign", "print", "verify")) {
      s.append("    ").append(mode(m).summary()).append('\n');
    }
    ctx.err().print(s);
    ctx.err().flush();
  }

  private static String version() {
    return BuildVersion.get() + " (nebula4j)";
  }

}
