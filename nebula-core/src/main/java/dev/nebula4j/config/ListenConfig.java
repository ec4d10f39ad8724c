package dev.nebula4j.config;


/**
 * The listen section: the UDP underlay socket.
 *
 * @param host bind address ([::] for IPv4 and IPv6; 1.7+ also a hostname) (YAML listen.host)
 * @param port UDP port; 0 picks an ephemeral port (not allowed for lighthouses) (YAML
 *     listen.port)
 * @param batch packets read per recvmmsg call (YAML listen.batch)
 * @param readBuffer SO_RCVBUF bytes (0 = system default) (YAML listen.read_buffer)
 * @param writeBuffer SO_SNDBUF bytes (0 = system default) (YAML listen.write_buffer)
 * @param sendRecvError to whom recv_error packets are sent (YAML listen.send_recv_error)
 * @param acceptRecvError from whom recv_error packets are honoured (1.10.1+) (YAML
 *     listen.accept_recv_error)
 * @param soMark Linux SO_MARK of the socket (1.10+) (YAML listen.so_mark)
 * @param routines deprecated per-socket routines (use the top-level routines) (YAML
 *     listen.routines)
 */
public record ListenConfig(
    String host,
    int port,
    int batch,
    int readBuffer,
    int writeBuffer,
    RecvErrorPolicy sendRecvError,
    RecvErrorPolicy acceptRecvError,
    int soMark,
    int routines) {

  public ListenConfig {
    host = Checks.notEmpty(host, "listen.host");
    port = Checks.range(port, 0, 65535, "listen.port");
    batch = Checks.range(batch, 1, Integer.MAX_VALUE, "listen.batch");
    readBuffer = Checks.range(readBuffer, 0, Integer.MAX_VALUE, "listen.read_buffer");
    writeBuffer = Checks.range(writeBuffer, 0, Integer.MAX_VALUE, "listen.write_buffer");
    sendRecvError = Checks.req(sendRecvError, "listen.send_recv_error");
    acceptRecvError = Checks.req(acceptRecvError, "listen.accept_recv_error");
    soMark = Checks.range(soMark, 0, Integer.MAX_VALUE, "listen.so_mark");
    routines = Checks.range(routines, 1, 1024, "listen.routines");
  }

  /** Go nebula's defaults for this section. */
  public static ListenConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Go nebula's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.batch = batch;
    b.readBuffer = readBuffer;
    b.writeBuffer = writeBuffer;
    b.sendRecvError = sendRecvError;
    b.acceptRecvError = acceptRecvError;
    b.soMark = soMark;
    b.routines = routines;
    return b;
  }

  /** Builds a {@link ListenConfig}; every setter validates its argument. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 0;
    private int batch = 64;
    private int readBuffer = 0;
    private int writeBuffer = 0;
    private RecvErrorPolicy sendRecvError = RecvErrorPolicy.ALWAYS;
    private RecvErrorPolicy acceptRecvError = RecvErrorPolicy.ALWAYS;
    private int soMark = 0;
    private int routines = 1;

    private Builder() {}

    /**
     * Bind address ([::] for IPv4 and IPv6; 1.7+ also a hostname). YAML {@code listen.host}.
     */
    public Builder host(String host) {
      this.host = Checks.notEmpty(host, "listen.host");
      return this;
    }

    /**
     * UDP port; 0 picks an ephemeral port (not allowed for lighthouses). YAML {@code
     * listen.port}.
     */
    public Builder port(int port) {
      this.port = Checks.range(port, 0, 65535, "listen.port");
      return this;
    }

    /**
     * Packets read per recvmmsg call. YAML {@code listen.batch}.
     */
    public Builder batch(int batch) {
      this.batch = Checks.range(batch, 1, Integer.MAX_VALUE, "listen.batch");
      return this;
    }

    /**
     * SO_RCVBUF bytes (0 = system default). YAML {@code listen.read_buffer}.
     */
    public Builder readBuffer(int readBuffer) {
      this.readBuffer = Checks.range(readBuffer, 0, Integer.MAX_VALUE, "listen.read_buffer");
      return this;
    }

    /**
     * SO_SNDBUF bytes (0 = system default). YAML {@code listen.write_buffer}.
     */
    public Builder writeBuffer(int writeBuffer) {
      this.writeBuffer = Checks.range(writeBuffer, 0, Integer.MAX_VALUE, "listen.write_buffer");
      return this;
    }

    /**
     * To whom recv_error packets are sent. YAML {@code listen.send_recv_error}.
     */
    public Builder sendRecvError(RecvErrorPolicy sendRecvError) {
      this.sendRecvError = Checks.req(sendRecvError, "listen.send_recv_error");
      return this;
    }

    /**
     * From whom recv_error packets are honoured (1.10.1+). YAML {@code
     * listen.accept_recv_error}.
     */
    public Builder acceptRecvError(RecvErrorPolicy acceptRecvError) {
      this.acceptRecvError = Checks.req(acceptRecvError, "listen.accept_recv_error");
      return this;
    }

    /**
     * Linux SO_MARK of the socket (1.10+). YAML {@code listen.so_mark}.
     */
    public Builder soMark(int soMark) {
      this.soMark = Checks.range(soMark, 0, Integer.MAX_VALUE, "listen.so_mark");
      return this;
    }

    /**
     * Deprecated per-socket routines (use the top-level routines). YAML {@code
     * listen.routines}.
     */
    public Builder routines(int routines) {
      this.routines = Checks.range(routines, 1, 1024, "listen.routines");
      return this;
    }

    public ListenConfig build() {
      return new ListenConfig(host, port, batch, readBuffer, writeBuffer, sendRecvError, acceptRecvError, soMark, routines);
    }
  }
}
