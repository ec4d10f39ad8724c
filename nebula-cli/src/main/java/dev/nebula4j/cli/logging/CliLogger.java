package dev.nebula4j.cli.logging;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger writing Go nebula style lines ({@link LogLineFormatter}) with the settings of
 * {@link CliLogging}. Key-value pairs of SLF4J's fluent API ({@code
 * log.atInfo().addKeyValue("signal", "terminated").log("Caught signal, shutting down")}) become
 * fields, as logrus' {@code WithField}. A logged exception becomes the {@code error} field; its
 * stack trace follows the line only at {@code debug} and {@code trace} level.
 */
final class CliLogger extends LegacyAbstractLogger implements LoggingEventAware {
  private static final long serialVersionUID = 1L;

  CliLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return CliLogging.settings().isEnabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return CliLogging.settings().isEnabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return CliLogging.settings().isEnabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return CliLogging.settings().isEnabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return CliLogging.settings().isEnabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
      Object[] arguments, Throwable throwable) {
    write(level, MessageFormatter.basicArrayFormat(messagePattern, arguments),
        Collections.emptyMap(), throwable);
  }

  @Override
  public void log(LoggingEvent event) {
    LogSettings s = CliLogging.settings();
    if (!s.isEnabled(event.getLevel())) {
      return;
    }
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    Map<String, Object> fields = new LinkedHashMap<>();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        fields.put(p.key, p.value);
      }
    }
    Object[] args = event.getArgumentArray();
    String message = args == null || args.length == 0 ? event.getMessage()
        : MessageFormatter.basicArrayFormat(event.getMessage(), args);
    write(event.getLevel(), message, fields, event.getThrowable());
  }

  private void write(Level level, String message, Map<String, Object> fields, Throwable error) {
    LogSettings s = CliLogging.settings();
    if (!s.isEnabled(level)) {
      return;
    }
    String line = LogLineFormatter.format(s, level, message == null ? "" : message, fields, error);
    PrintStream out = s.out();
    synchronized (out) {
      out.println(line);
      if (error != null && s.threshold() <= Level.DEBUG.toInt()) {
        error.printStackTrace(out);
      }
      out.flush();
    }
  }
}
