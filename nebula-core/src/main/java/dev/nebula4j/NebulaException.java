package dev.nebula4j;

/**
 * Root of the exceptions nebula-core throws for its own reasons: a config that cannot be used
 * ({@link dev.nebula4j.config.ConfigException}, with every problem's YAML path), a tunnel that
 * could not be established ({@link dev.nebula4j.node.HandshakeFailedException}, with a reason).
 * Catch it to handle every nebula4j failure at once; catch the subclasses to branch on details.
 *
 * <p>Failures of the operating system's sockets and of devices stay {@link java.io.IOException}s
 * as in the JDK ({@code BindException} from {@code NebulaNode.start()}, {@code
 * DeviceClosedException}, {@code SocketTimeoutException}); certificate problems are nebula-cert's
 * {@link dev.nebula4j.cert.CertException}s. Messages say what was wrong and where.
 */
public class NebulaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NebulaException(String message) {
    super(message);
  }

  public NebulaException(String message, Throwable cause) {
    super(message, cause);
  }
}
