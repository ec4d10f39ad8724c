package dev.nebula4j.cli.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The outcome of one nebula-cert run, ours (in-process) or Go's (a process). */
record CliRun(int exitCode, String out, String err) {

  /** Runs our nebula-cert in-process in {@code dir}. */
  static CliRun java(Path dir, Map<String, String> env, PassphraseReader passphrases,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), dir, env, passphrases,
        Clock.systemUTC(), ZoneId.systemDefault(), "nebula-cert");
    int rc = NebulaCertTool.run(ctx, args);
    return new CliRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static CliRun java(Path dir, String... args) {
    return java(dir, Map.of(), () -> {
      throw new PassphraseReader.NoTerminal();
    }, args);
  }

  /** Runs Go's {@code /usr/bin/nebula-cert} in {@code dir} (program name as typed: nebula-cert). */
  static CliRun go(Path dir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("nebula-cert");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().remove("NEBULA_CA_PASSPHRASE");
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("nebula-cert " + String.join(" ", args) + " did not finish");
      }
      return new CliRun(p.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run nebula-cert", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static CliRun go(Path dir, String... args) {
    return go(dir, Map.of(), args);
  }
}
