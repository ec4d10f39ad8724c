package dev.nebula4j.internal.noise;

import java.util.List;

/**
 * The Noise handshake patterns implemented here. Nebula uses only {@link #IX}; {@link #XX} and
 * {@link #NN} exist so the implementation can be checked against the published test vectors. None
 * of them has pre-messages.
 */
public enum HandshakePattern {
  /** {@code -> e} / {@code <- e, ee}: no authentication (test vectors only). */
  NN(List.of(List.of(Token.E), List.of(Token.E, Token.EE))),
  /** {@code -> e} / {@code <- e, ee, s, es} / {@code -> s, se} (test vectors only). */
  XX(
      List.of(
          List.of(Token.E),
          List.of(Token.E, Token.EE, Token.S, Token.ES),
          List.of(Token.S, Token.SE))),
  /**
   * {@code -> e, s} / {@code <- e, ee, se, s, es}: Nebula's handshake (spec §3.1). The initiator's
   * static key and payload travel in clear in the first message.
   */
  IX(List.of(List.of(Token.E, Token.S), List.of(Token.E, Token.EE, Token.SE, Token.S, Token.ES)));

  /** One step of a message pattern. */
  public enum Token {
    /** Send or receive an ephemeral public key. */
    E,
    /** Send or receive a static public key (encrypted once a key is mixed in). */
    S,
    /** Mix DH(e, re). */
    EE,
    /** Mix DH(initiator e, responder s). */
    ES,
    /** Mix DH(initiator s, responder e). */
    SE,
    /** Mix DH(s, rs). */
    SS
  }

  private final List<List<Token>> messages;

  HandshakePattern(List<List<Token>> messages) {
    this.messages = messages;
  }

  /** The tokens of each message, alternating initiator → responder, responder → initiator, … */
  public List<List<Token>> messages() {
    return messages;
  }
}
