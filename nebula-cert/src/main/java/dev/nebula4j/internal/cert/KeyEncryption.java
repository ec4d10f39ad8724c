package dev.nebula4j.internal.cert;

import dev.nebula4j.cert.Argon2Parameters;
import dev.nebula4j.cert.CertFormatException;
import dev.nebula4j.cert.EncryptedKeyException;
import dev.nebula4j.internal.proto.ProtoException;
import dev.nebula4j.internal.proto.ProtoReader;
import dev.nebula4j.internal.proto.ProtoWriter;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Passphrase protection of CA keys ({@code RawNebulaEncryptedData}): Argon2id (version 0x13)
 * derives a 32-byte key from the passphrase, AES-256-GCM seals the raw private key, the payload
 * is {@code nonce(12) || ciphertext || tag(16)} with no associated data.
 */
public final class KeyEncryption {
  /** The only algorithm Go nebula writes or reads. */
  public static final String AES_256_GCM = "AES-256-GCM";

  private static final int ARGON2_VERSION = 0x13;
  private static final int SALT_LENGTH = 32;
  private static final int NONCE_LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyEncryption() {}

  /** Encrypts {@code plaintext} and returns the protobuf payload of the encrypted PEM block. */
  public static byte[] encrypt(byte[] plaintext, byte[] passphrase, Argon2Parameters params) {
    byte[] salt = new byte[SALT_LENGTH];
    RANDOM.nextBytes(salt);
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    requireHeap(params.memoryKiB());
    byte[] key = argon2id(passphrase, salt, ARGON2_VERSION, params);
    byte[] sealed;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      sealed = c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is missing from this JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    byte[] blob = new byte[NONCE_LENGTH + sealed.length];
    System.arraycopy(nonce, 0, blob, 0, NONCE_LENGTH);
    System.arraycopy(sealed, 0, blob, NONCE_LENGTH, sealed.length);

    ProtoWriter argon = new ProtoWriter();
    argon.optionalVarint(1, ARGON2_VERSION)
        .optionalVarint(2, params.memoryKiB())
        .optionalVarint(3, params.iterations())
        .optionalVarint(4, params.parallelism())
        .optionalBytes(5, salt);
    ProtoWriter meta = new ProtoWriter();
    meta.optionalString(1, AES_256_GCM).message(2, argon);
    ProtoWriter out = new ProtoWriter(blob.length + 96);
    out.message(1, meta).optionalBytes(2, blob);
    return out.toByteArray();
  }

  /** The Argon2 parameters stored in an encrypted payload, without decrypting. */
  public static Argon2Parameters parameters(byte[] payload) {
    return parse(payload).params;
  }

  /**
   * Decrypts the protobuf payload of an encrypted PEM block. Failures use Go's messages ("invalid
   * passphrase or corrupt private key", ...).
   */
  public static byte[] decrypt(byte[] payload, byte[] passphrase) {
    Parsed p = parse(payload);
    if (!AES_256_GCM.equals(p.algorithm)) {
      throw new EncryptedKeyException("unsupported encryption algorithm: " + p.algorithm);
    }
    if (p.version != ARGON2_VERSION) {
      throw new EncryptedKeyException("incompatible Argon2 version: " + p.version);
    }
    if (p.salt == null || p.salt.length == 0) {
      throw new EncryptedKeyException("salt must be set in argon2Parameters");
    }
    if (p.salt.length < 16) {
      throw new EncryptedKeyException("salt must be at least 128  bits");
    }
    if (p.ciphertext.length <= NONCE_LENGTH) {
      throw new EncryptedKeyException("invalid ciphertext blob - blob shorter than nonce length");
    }
    requireHeap(p.params.memoryKiB());
    byte[] key = argon2id(passphrase, p.salt, p.version, p.params);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, p.ciphertext, 0, NONCE_LENGTH));
      return c.doFinal(p.ciphertext, NONCE_LENGTH, p.ciphertext.length - NONCE_LENGTH);
    } catch (AEADBadTagException e) {
      throw new EncryptedKeyException("invalid passphrase or corrupt private key");
    } catch (GeneralSecurityException e) {
      throw new EncryptedKeyException("invalid passphrase or corrupt private key");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] argon2id(byte[] passphrase, byte[] salt, int version, Argon2Parameters params) {
    org.bouncycastle.crypto.params.Argon2Parameters bc =
        new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
            .withVersion(version)
            .withMemoryAsKB((int) params.memoryKiB())
            .withIterations((int) params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(bc);
    byte[] key = new byte[32];
    gen.generateBytes(passphrase, key);
    return key;
  }

  /** Refuses Argon2 memory this JVM cannot give, instead of dying with OutOfMemoryError. */
  private static void requireHeap(long memoryKiB) {
    long need = memoryKiB * 1024L + memoryKiB * 48L;
    long max = Runtime.getRuntime().maxMemory();
    if (max != Long.MAX_VALUE && need > max) {
      throw new EncryptedKeyException("Argon2 memory parameter of " + memoryKiB
          + " KiB needs about " + (need >> 20) + " MiB of heap, more than this JVM's maximum of "
          + (max >> 20) + " MiB (raise it with -Xmx)");
    }
  }

  private static final class Parsed {
    String algorithm = "";
    int version;
    Argon2Parameters params;
    byte[] salt;
    byte[] ciphertext = new byte[0];
  }

  private static Parsed parse(byte[] payload) {
    if (payload.length == 0) {
      throw new CertFormatException("nil byte array");
    }
    try {
      Parsed p = new Parsed();
      boolean haveMeta = false;
      boolean haveArgon = false;
      long memory = 0;
      long iterations = 0;
      long parallelism = 0;
      ProtoReader r = new ProtoReader(payload);
      while (r.next()) {
        if (r.field() == 1 && r.wireType() == ProtoWriter.WIRE_LEN) {
          haveMeta = true;
          ProtoReader m = r.readMessage();
          while (m.next()) {
            if (m.field() == 1 && m.wireType() == ProtoWriter.WIRE_LEN) {
              p.algorithm = m.readString();
            } else if (m.field() == 2 && m.wireType() == ProtoWriter.WIRE_LEN) {
              haveArgon = true;
              ProtoReader a = m.readMessage();
              while (a.next()) {
                if (a.wireType() != ProtoWriter.WIRE_VARINT && a.field() != 5) {
                  a.skip();
                  continue;
                }
                switch (a.field()) {
                  case 1 -> p.version = (int) a.readVarint();
                  case 2 -> memory = a.readVarint() & 0xFFFF_FFFFL;
                  case 3 -> iterations = a.readVarint() & 0xFFFF_FFFFL;
                  case 4 -> parallelism = a.readVarint() & 0xFFFF_FFFFL;
                  case 5 -> {
                    if (a.wireType() == ProtoWriter.WIRE_LEN) {
                      p.salt = a.readBytes();
                    } else {
                      a.skip();
                    }
                  }
                  default -> a.skip();
                }
              }
            } else {
              m.skip();
            }
          }
        } else if (r.field() == 2 && r.wireType() == ProtoWriter.WIRE_LEN) {
          p.ciphertext = r.readBytes();
        } else {
          r.skip();
        }
      }
      if (!haveMeta) {
        throw new CertFormatException("encoded EncryptionMetadata was nil");
      }
      if (!haveArgon) {
        throw new CertFormatException("encoded Argon2Parameters was nil");
      }
      try {
        p.params = new Argon2Parameters(memory, iterations, (int) Math.min(parallelism, 256));
      } catch (IllegalArgumentException e) {
        throw new CertFormatException("invalid Argon2Parameters: "
            + e.getMessage().replace("-argon-", ""));
      }
      return p;
    } catch (ProtoException e) {
      throw new CertFormatException("malformed encrypted key protobuf: " + e.getMessage(), e);
    }
  }
}
