/** The drop-in {@code nebula} and {@code nebula-cert} commands. */
module dev.nebula4j.cli {
  requires dev.nebula4j.core;
  requires info.picocli;
  requires org.slf4j;

  opens dev.nebula4j.cli to info.picocli;
  opens dev.nebula4j.cli.cert to info.picocli;
}
