package dev.nebula4j.config;

import dev.nebula4j.NebulaException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that cannot be used. Carries every problem found (errors and the warnings seen along
 * the way), not only the first, each with its YAML path, reason, offending value and location.
 */
public class ConfigException extends NebulaException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, errors and warnings, in the order found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** Only the problems with severity {@link ConfigProblem.Severity#ERROR}. */
  public List<ConfigProblem> errors() {
    return problems.stream().filter(ConfigProblem::isError).collect(Collectors.toList());
  }

  private static String summary(List<ConfigProblem> problems) {
    List<ConfigProblem> errors =
        problems.stream().filter(ConfigProblem::isError).collect(Collectors.toList());
    StringBuilder sb = new StringBuilder();
    sb.append(errors.size()).append(errors.size() == 1 ? " config error" : " config errors");
    for (ConfigProblem p : errors) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
