/** The drop-in {@code nebula} and {@code nebula-cert} commands. */
module dev.nebula4j.cli {
  requires dev.nebula4j.core;
  requires info.picocli;
  requires org.slf4j;
  requires com.google.zxing; // nebula-cert -out-qr
  requires jdk.unsupported; // sun.misc.Signal: SIGHUP reloads, SIGTERM/SIGINT close gracefully

  opens dev.nebula4j.cli to info.picocli;
  opens dev.nebula4j.cli.cert to info.picocli;

  provides org.slf4j.spi.SLF4JServiceProvider
      with dev.nebula4j.cli.logging.CliLoggingServiceProvider;
}
