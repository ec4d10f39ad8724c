package dev.nebula4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Go's {@code flag} package semantics over options declared with picocli annotations.
 *
 * <p>Each option is declared with two names, {@code -x} and {@code --x}; its {@code paramLabel}
 * is the Go type shown in help ({@code string}, {@code duration}, {@code uint}), and boolean
 * flags have {@code arity = "0"}. Parsing follows Go: flags until the first non-flag argument or
 * {@code --}; {@code -x=v}, {@code -x v} (the next argument is taken even if it starts with a
 * dash), booleans only as {@code -x} or {@code -x=v}; {@code -h}/{@code -help} ask for help;
 * errors use Go's wording. The normalised arguments are then bound by picocli. Used by both
 * {@code nebula} and {@code nebula-cert}.
 */
public final class GoFlagSet {
  private final CommandLine commandLine;

  /** A flag set over the picocli-annotated fields of {@code command}. */
  public GoFlagSet(Object command) {
    this.commandLine = new CommandLine(command)
        .setPosixClusteredShortOptionsAllowed(false)
        .setStopAtPositional(true)
        .setUnmatchedArgumentsAllowed(false)
        .setAbbreviatedOptionsAllowed(false)
        .setAllowOptionsAsOptionParameters(true)
        .setCaseInsensitiveEnumValuesAllowed(false);
  }

  /**
   * Parses {@code args} into the command's fields; returns the positional arguments left over.
   *
   * @throws HelpRequested for {@code -h}/{@code -help} when the command does not declare them
   * @throws BadFlag for anything Go's flag package refuses
   */
  public List<String> parse(List<String> args) throws BadFlag, HelpRequested {
    List<String> normalised = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    int i = 0;
    while (i < args.size()) {
      String s = args.get(i);
      if (s.length() < 2 || s.charAt(0) != '-') {
        break;
      }
      int minuses = 1;
      if (s.charAt(1) == '-') {
        minuses = 2;
        if (s.length() == 2) {
          i++;
          break;
        }
      }
      String name = s.substring(minuses);
      if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
        throw new BadFlag("bad flag syntax: " + s);
      }
      i++;
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      OptionSpec option = commandLine.getCommandSpec().findOption("-" + name);
      if (option == null || !option.longestName().equals("--" + name)) {
        if (name.equals("help") || name.equals("h")) {
          throw new HelpRequested();
        }
        throw new BadFlag("flag provided but not defined: -" + name);
      }
      if (isBool(option)) {
        if (value != null && GoStrings.parseBool(value) == null) {
          throw new BadFlag("invalid boolean value \"" + value + "\" for -" + name
              + ": parse error");
        }
        if (value == null || GoStrings.parseBool(value)) {
          normalised.add("-" + name);
        }
        continue;
      }
      if (value == null) {
        if (i >= args.size()) {
          throw new BadFlag("flag needs an argument: -" + name);
        }
        value = args.get(i++);
      }
      normalised.add("-" + name + "=" + value);
    }
    rest.addAll(args.subList(i, args.size()));
    try {
      commandLine.parseArgs(normalised.toArray(new String[0]));
    } catch (CommandLine.ParameterException e) {
      throw new BadFlag(e.getMessage());
    }
    return rest;
  }

  private static boolean isBool(OptionSpec o) {
    return o.arity().max() == 0;
  }

  /** Go's {@code FlagSet.PrintDefaults}: flags sorted by name, type, usage, non-zero default. */
  public void printDefaults(PrintStream out) {
    List<OptionSpec> options = new ArrayList<>(commandLine.getCommandSpec().options());
    options.sort(Comparator.comparing(GoFlagSet::goName));
    StringBuilder sb = new StringBuilder();
    for (OptionSpec o : options) {
      String name = goName(o);
      StringBuilder line = new StringBuilder("  -").append(name);
      String type = isBool(o) ? "" : o.paramLabel();
      if (!type.isEmpty()) {
        line.append(' ').append(type);
      }
      if (line.length() <= 4) {
        line.append('\t');
      } else {
        line.append("\n    \t");
      }
      line.append(String.join(" ", o.description()).replace("\n", "\n    \t"));
      String def = o.defaultValue();
      if (def != null && !isBool(o) && !isZeroValue(def)) {
        if (type.equals("string")) {
          line.append(" (default \"").append(def).append("\")");
        } else {
          line.append(" (default ").append(def).append(')');
        }
      }
      sb.append(line).append('\n');
    }
    out.print(sb);
  }

  /** Go prints no default for zero values: "", 0, 0s. */
  private static boolean isZeroValue(String def) {
    return def.isEmpty() || def.equals("0") || def.equals("0s");
  }

  private static String goName(OptionSpec o) {
    return o.longestName().substring(2);
  }

  /** What Go's flag package refuses, in its wording ({@code flag provided but not defined: -x}). */
  public static final class BadFlag extends Exception {
    private static final long serialVersionUID = 1L;

    BadFlag(String message) {
      super(message, null, false, false);
    }
  }
}
