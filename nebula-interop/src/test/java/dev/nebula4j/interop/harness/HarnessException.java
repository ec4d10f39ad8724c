package dev.nebula4j.interop.harness;

/**
 * The harness could not build or observe what a test asked for: a command failed, a process died
 * early, a log line did not appear in time. The message names the command, namespace or node and
 * carries the output that explains it.
 */
public class HarnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
