package dev.nebula4j.internal.noise;

import dev.nebula4j.cert.InsecureSecretKeyAccess;
import dev.nebula4j.cert.SecretBytes;
import dev.nebula4j.internal.crypto.AeadAlgorithm;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One party's state in a Noise handshake (Noise spec §5.3), for the patterns of {@link
 * HandshakePattern}: SHA-256, no PSK, an optional prologue (Nebula's is empty).
 *
 * <p>Nebula IX as the initiator:
 *
 * <pre>{@code
 * HandshakeState hs = HandshakeState.builder(NoiseProtocol.nebula(DhFunction.X25519, cipher), true)
 *     .localStatic(hostKeyPair).build();
 * byte[] msg1 = new byte[16 + hs.nextMessageLength(payload.length)];
 * HeaderCodec.write(msg1, 0, MessageType.HANDSHAKE, 0, 0, 1);   // header: not part of Noise
 * hs.writeMessage(payload, 0, payload.length, msg1, 16);
 * ...
 * byte[] peerPayload = hs.readMessage(msg2, 16, msg2Length - 16);  // may throw NoiseException
 * TransportKeys keys = hs.transportKeys();                          // hs.isComplete() is now true
 * byte[] peerStatic = hs.remoteStaticPublicKey();
 * }</pre>
 *
 * <p>A {@link NoiseException} from {@link #readMessage} leaves the state exactly as before the
 * call, so the genuine message can still be read after an attacker's garbage. Once complete, the
 * ephemeral private key and the chaining key are wiped.
 *
 * <p>Not thread-safe: one handshake is driven by one thread at a time.
 */
public final class HandshakeState {
  /** Noise's limit on a handshake or transport message. */
  public static final int MAX_MESSAGE_LENGTH = 65535;

  private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

  private final NoiseProtocol protocol;
  private final boolean initiator;
  private final DhFunction dh;
  private final SymmetricState symmetric;
  private final DhKeyPair localStatic;
  private final SecureRandom random;
  private final List<List<HandshakePattern.Token>> messages;
  private DhKeyPair localEphemeral;
  private byte[] remoteStatic;
  private byte[] remoteEphemeral;
  private int messageIndex;
  private TransportKeys transportKeys;

  private HandshakeState(Builder b) {
    this.protocol = b.protocol;
    this.initiator = b.initiator;
    this.dh = protocol.dh();
    this.localStatic = b.localStatic;
    this.localEphemeral = b.fixedEphemeral;
    this.random = b.random;
    this.messages = protocol.pattern().messages();
    this.symmetric = new SymmetricState(protocol.cipher(), protocol.nameBytes());
    symmetric.mixHash(b.prologue);
    // IX, XX and NN have no pre-messages.
  }

  /**
   * A builder for a handshake of {@code protocol} in the given role ({@code initiator} = sends the
   * first message).
   */
  public static Builder builder(NoiseProtocol protocol, boolean initiator) {
    return new Builder(protocol, initiator);
  }

  /** The protocol. */
  public NoiseProtocol protocol() {
    return protocol;
  }

  /** Whether this party sent (or sends) the first message. */
  public boolean isInitiator() {
    return initiator;
  }

  /** Number of handshake messages written or read so far. */
  public int messageIndex() {
    return messageIndex;
  }

  /** Whether all messages of the pattern have been processed; transport keys are then ready. */
  public boolean isComplete() {
    return messageIndex == messages.size();
  }

  /** Whether the next step is {@link #writeMessage} (otherwise {@link #readMessage}). */
  public boolean isMyTurnToWrite() {
    return !isComplete() && (messageIndex % 2 == 0) == initiator;
  }

  /**
   * Length of the next message this party writes with a payload of {@code payloadLength} bytes
   * (keys, tags and payload; no Nebula header).
   */
  public int nextMessageLength(int payloadLength) {
    requireTurn(true);
    boolean hasKey = symmetric.cipherState().hasKey();
    int len = 0;
    for (HandshakePattern.Token t : messages.get(messageIndex)) {
      switch (t) {
        case E -> len += dh.publicKeyLength();
        case S -> len += dh.publicKeyLength() + (hasKey ? AeadAlgorithm.TAG_LENGTH : 0);
        default -> hasKey = true; // every DH token performs a MixKey
      }
    }
    return len + payloadLength + (hasKey ? AeadAlgorithm.TAG_LENGTH : 0);
  }

  /**
   * Writes the next handshake message with {@code payload[off, off + len)} into {@code
   * out[outOff]}.
   *
   * @return the number of bytes written ({@link #nextMessageLength})
   * @throws IllegalStateException if it is not this party's turn to write
   * @throws IllegalArgumentException if the message would exceed 65535 bytes or {@code out} is too
   *     small
   * @throws NoiseException if a DH with the peer's keys fails (a low-order point); the state is
   *     then unusable and the handshake must be abandoned
   */
  public int writeMessage(byte[] payload, int off, int len, byte[] out, int outOff)
      throws NoiseException {
    int total = nextMessageLength(len);
    if (total > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException(
          "Noise message of " + total + " bytes exceeds the 65535-byte limit");
    }
    if (off < 0 || len < 0 || off > payload.length - len
        || outOff < 0 || outOff > out.length - total) {
      throw new IllegalArgumentException("writeMessage: range outside a buffer");
    }
    int pos = outOff;
    for (HandshakePattern.Token t : messages.get(messageIndex)) {
      switch (t) {
        case E -> {
          if (localEphemeral == null) {
            localEphemeral = dh.generateKeyPair(random);
          }
          localEphemeral.copyPublicKey(out, pos);
          symmetric.mixHash(out, pos, dh.publicKeyLength());
          pos += dh.publicKeyLength();
        }
        case S -> {
          if (localStatic == null) {
            throw new IllegalStateException(protocol + " needs a local static key pair");
          }
          byte[] pub = localStatic.publicKeyUnsafe();
          pos += symmetric.encryptAndHash(pub, 0, pub.length, out, pos);
        }
        default -> mixDh(t);
      }
    }
    pos += symmetric.encryptAndHash(payload, off, len, out, pos);
    messageIndex++;
    finishIfComplete();
    return pos - outOff;
  }

  /** Writes the next handshake message into a new array. */
  public byte[] writeMessage(byte[] payload) throws NoiseException {
    byte[] out = new byte[nextMessageLength(payload.length)];
    writeMessage(payload, 0, payload.length, out, 0);
    return out;
  }

  /**
   * Reads the peer's next handshake message {@code msg[off, off + len)} (no Nebula header) and
   * returns its decrypted payload.
   *
   * @throws IllegalStateException if it is this party's turn to write
   * @throws NoiseException if the message is too short or too long, a key is invalid, or a field
   *     fails to authenticate; the state is then unchanged
   */
  public byte[] readMessage(byte[] msg, int off, int len) throws NoiseException {
    requireTurn(false);
    if (off < 0 || len < 0 || off > msg.length - len) {
      throw new IllegalArgumentException("readMessage: range outside the buffer");
    }
    if (len > MAX_MESSAGE_LENGTH) {
      throw new NoiseException(
          NoiseException.Reason.MESSAGE_TOO_LONG,
          "Noise message of " + len + " bytes exceeds the 65535-byte limit");
    }
    symmetric.checkpoint();
    byte[] savedRemoteStatic = remoteStatic;
    byte[] savedRemoteEphemeral = remoteEphemeral;
    try {
      int pos = off;
      int end = off + len;
      for (HandshakePattern.Token t : messages.get(messageIndex)) {
        switch (t) {
          case E -> {
            int need = dh.publicKeyLength();
            requireBytes(end - pos, need, "ephemeral key");
            byte[] re = Arrays.copyOfRange(msg, pos, pos + need);
            dh.validatePublicKey(re);
            symmetric.mixHash(re);
            remoteEphemeral = re;
            pos += need;
          }
          case S -> {
            boolean hasKey = symmetric.cipherState().hasKey();
            int need = dh.publicKeyLength() + (hasKey ? AeadAlgorithm.TAG_LENGTH : 0);
            requireBytes(end - pos, need, hasKey ? "encrypted static key" : "static key");
            byte[] rs = new byte[dh.publicKeyLength()];
            symmetric.decryptAndHash(msg, pos, need, rs, 0);
            dh.validatePublicKey(rs);
            remoteStatic = rs;
            pos += need;
          }
          default -> mixDh(t);
        }
      }
      int rest = end - pos;
      boolean hasKey = symmetric.cipherState().hasKey();
      if (hasKey) {
        requireBytes(rest, AeadAlgorithm.TAG_LENGTH, "encrypted payload");
      }
      byte[] payload = new byte[rest - (hasKey ? AeadAlgorithm.TAG_LENGTH : 0)];
      symmetric.decryptAndHash(msg, pos, rest, payload, 0);
      messageIndex++;
      finishIfComplete();
      return payload;
    } catch (NoiseException | RuntimeException e) {
      symmetric.rollback();
      remoteStatic = savedRemoteStatic;
      remoteEphemeral = savedRemoteEphemeral;
      throw e;
    }
  }

  /** A copy of the peer's static public key, or {@code null} before it has been received. */
  public byte[] remoteStaticPublicKey() {
    return remoteStatic == null ? null : remoteStatic.clone();
  }

  /** A copy of the peer's ephemeral public key, or {@code null} before it has been received. */
  public byte[] remoteEphemeralPublicKey() {
    return remoteEphemeral == null ? null : remoteEphemeral.clone();
  }

  /** Our static key pair, or {@code null} for patterns without one. */
  public DhKeyPair localStatic() {
    return localStatic;
  }

  /** The handshake hash {@code h} (after completion: the channel binding). */
  public byte[] handshakeHash() {
    return symmetric.handshakeHash();
  }

  /**
   * The transport keys from {@code Split()}, oriented for this party.
   *
   * @throws IllegalStateException before the handshake is complete
   */
  public TransportKeys transportKeys() {
    if (transportKeys == null) {
      throw new IllegalStateException(
          "handshake not complete: " + messageIndex + " of " + messages.size() + " messages");
    }
    return transportKeys;
  }

  @Override
  public String toString() {
    return "HandshakeState[" + protocol + ", " + (initiator ? "initiator" : "responder")
        + ", message " + messageIndex + "/" + messages.size() + "]";
  }

  private void mixDh(HandshakePattern.Token t) throws NoiseException {
    byte[] shared =
        switch (t) {
          case EE -> dh.dh(ephemeral().privateKey(), remoteEphemeral);
          case ES -> initiator
              ? dh.dh(ephemeral().privateKey(), remoteStatic)
              : dh.dh(staticKey().privateKey(), remoteEphemeral);
          case SE -> initiator
              ? dh.dh(staticKey().privateKey(), remoteEphemeral)
              : dh.dh(ephemeral().privateKey(), remoteStatic);
          case SS -> dh.dh(staticKey().privateKey(), remoteStatic);
          default -> throw new IllegalStateException("not a DH token: " + t);
        };
    try {
      symmetric.mixKey(shared);
    } finally {
      Arrays.fill(shared, (byte) 0);
    }
  }

  private DhKeyPair ephemeral() {
    if (localEphemeral == null) {
      throw new IllegalStateException("no local ephemeral key yet");
    }
    return localEphemeral;
  }

  private DhKeyPair staticKey() {
    if (localStatic == null) {
      throw new IllegalStateException(protocol + " needs a local static key pair");
    }
    return localStatic;
  }

  private void finishIfComplete() {
    if (!isComplete()) {
      return;
    }
    SecretBytes[] keys = symmetric.split();
    AeadAlgorithm cipher = protocol.cipher();
    CipherState first = new CipherState(cipher, keys[0]);
    CipherState second = new CipherState(cipher, keys[1]);
    transportKeys = initiator ? new TransportKeys(first, second) : new TransportKeys(second, first);
    symmetric.destroy();
    if (localEphemeral != null) {
      localEphemeral.privateKey().destroy();
    }
  }

  private void requireTurn(boolean write) {
    if (isComplete()) {
      throw new IllegalStateException("handshake already complete");
    }
    if (isMyTurnToWrite() != write) {
      throw new IllegalStateException(
          (write ? "writeMessage" : "readMessage") + " out of turn at message " + messageIndex
              + " as " + (initiator ? "initiator" : "responder"));
    }
  }

  private static void requireBytes(int have, int need, String what) throws NoiseException {
    if (have < need) {
      throw new NoiseException(
          NoiseException.Reason.MESSAGE_TOO_SHORT,
          what + " needs " + need + " bytes, only " + have + " left in the message");
    }
  }

  /** Configures a {@link HandshakeState}. */
  public static final class Builder {
    private final NoiseProtocol protocol;
    private final boolean initiator;
    private DhKeyPair localStatic;
    private DhKeyPair fixedEphemeral;
    private byte[] prologue = new byte[0];
    private SecureRandom random = DEFAULT_RANDOM;

    private Builder(NoiseProtocol protocol, boolean initiator) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      this.initiator = initiator;
    }

    /** Our static key pair (required by IX and XX); must belong to the protocol's DH function. */
    public Builder localStatic(DhKeyPair keyPair) {
      requireSameFunction(keyPair, "static");
      this.localStatic = keyPair;
      return this;
    }

    /** The prologue, mixed into the hash first; Nebula's is empty (the default). */
    public Builder prologue(byte[] prologue) {
      this.prologue = prologue.clone();
      return this;
    }

    /** Source of ephemeral keys; a shared {@link SecureRandom} by default. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Uses this ephemeral key pair instead of generating one. <b>Only for test vectors</b>: reusing
     * an ephemeral key across handshakes destroys forward secrecy. The state works on a copy and
     * wipes that copy when the handshake completes.
     */
    public Builder fixedEphemeralForTesting(DhKeyPair keyPair) {
      requireSameFunction(keyPair, "ephemeral");
      byte[] raw = keyPair.privateKey().toByteArray(InsecureSecretKeyAccess.get());
      try {
        this.fixedEphemeral =
            new DhKeyPair(
                keyPair.function(),
                SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()),
                keyPair.publicKey());
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
      return this;
    }

    /**
     * Builds the state.
     *
     * @throws IllegalStateException if the pattern sends a static key and none was set
     */
    public HandshakeState build() {
      boolean sendsStatic = false;
      List<List<HandshakePattern.Token>> msgs = protocol.pattern().messages();
      for (int i = initiator ? 0 : 1; i < msgs.size(); i += 2) {
        sendsStatic |= msgs.get(i).contains(HandshakePattern.Token.S);
      }
      if (sendsStatic && localStatic == null) {
        throw new IllegalStateException(protocol + " needs localStatic(...) for the "
            + (initiator ? "initiator" : "responder"));
      }
      return new HandshakeState(this);
    }

    private void requireSameFunction(DhKeyPair keyPair, String what) {
      if (keyPair.function() != protocol.dh()) {
        throw new IllegalArgumentException(
            what + " key pair is " + keyPair.function().noiseName() + " but the protocol is "
                + protocol.name());
      }
    }
  }
}
