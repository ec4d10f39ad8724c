package dev.nebula4j.cli;

/**
 * Go standard-library string rules that the {@code nebula} and {@code nebula-cert} command lines
 * reproduce, written once for both.
 */
public final class GoStrings {
  private GoStrings() {}

  /**
   * Go's {@code strconv.ParseBool}, as the {@code flag} package applies it to {@code -flag=value}:
   * {@code 1 t T true TRUE True} are true, {@code 0 f F false FALSE False} false.
   *
   * @return the value, or null if {@code s} is not a Go boolean
   */
  public static Boolean parseBool(String s) {
    switch (s) {
      case "1", "t", "T", "TRUE", "true", "True":
        return Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False":
        return Boolean.FALSE;
      default:
        return null;
    }
  }
}
