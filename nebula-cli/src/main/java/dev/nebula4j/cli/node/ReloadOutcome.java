package dev.nebula4j.cli.node;

import dev.nebula4j.config.ConfigDiff;
import dev.nebula4j.config.ConfigProblem;
import java.util.List;
import java.util.Objects;

/**
 * What one reload ({@code SIGHUP}) did.
 *
 * @param accepted whether the new config loaded and passed the checks; when false the running
 *     config is kept unchanged and {@link #problems} says why
 * @param problems every error that refused the new config (empty when accepted)
 * @param diff the changes from the running config to the new one (empty when refused)
 * @param applied the keys now in effect
 * @param needRestart the changed keys that take effect only after a restart
 */
public record ReloadOutcome(boolean accepted, List<ConfigProblem> problems, ConfigDiff diff,
    List<String> applied, List<String> needRestart) {

  public ReloadOutcome {
    problems = List.copyOf(problems);
    Objects.requireNonNull(diff, "diff");
    applied = List.copyOf(applied);
    needRestart = List.copyOf(needRestart);
  }

  static ReloadOutcome refused(List<ConfigProblem> problems) {
    return new ReloadOutcome(false, problems, new ConfigDiff(List.of()), List.of(), List.of());
  }
}
