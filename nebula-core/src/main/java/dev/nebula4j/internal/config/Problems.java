package dev.nebula4j.internal.config;

import dev.nebula4j.config.ConfigLocation;
import dev.nebula4j.config.ConfigProblem;
import dev.nebula4j.config.ConfigProblem.Reason;
import dev.nebula4j.config.ConfigProblem.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects problems while reading and binding a config; never throws. */
public final class Problems {
  private final List<ConfigProblem> list = new ArrayList<>();

  public void error(String path, Reason reason, String value, ConfigLocation at, String message) {
    add(Severity.ERROR, path, reason, value, at, message);
  }

  public void warn(String path, Reason reason, String value, ConfigLocation at, String message) {
    add(Severity.WARNING, path, reason, value, at, message);
  }

  private void add(
      Severity severity,
      String path,
      Reason reason,
      String value,
      ConfigLocation at,
      String message) {
    list.add(
        new ConfigProblem(
            severity, path, reason, value == null ? "" : value, Optional.ofNullable(at), message));
  }

  public boolean hasErrors() {
    for (ConfigProblem p : list) {
      if (p.isError()) {
        return true;
      }
    }
    return false;
  }

  public List<ConfigProblem> all() {
    return List.copyOf(list);
  }

  public List<ConfigProblem> warnings() {
    List<ConfigProblem> w = new ArrayList<>();
    for (ConfigProblem p : list) {
      if (!p.isError()) {
        w.add(p);
      }
    }
    return List.copyOf(w);
  }
}
