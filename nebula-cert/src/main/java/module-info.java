/**
 * Nebula certificates and keys: parsing, writing, signing and verifying the files Go nebula uses.
 *
 * <p>Public API: {@code dev.nebula4j.cert} and the address value types in {@code dev.nebula4j.net}.
 * Everything under {@code dev.nebula4j.internal} is implementation detail shared only with
 * nebula-core and nebula-cli.
 */
module dev.nebula4j.cert {
  requires org.bouncycastle.provider;

  exports dev.nebula4j.cert;
  exports dev.nebula4j.net;
  exports dev.nebula4j.internal.proto to dev.nebula4j.core, dev.nebula4j.cli;
  exports dev.nebula4j.internal.cert to dev.nebula4j.core, dev.nebula4j.cli;
}
