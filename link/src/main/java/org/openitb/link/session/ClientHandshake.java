// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Optional;
import org.openitb.link.codec.MalformedMessageException;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Octets;
import org.openitb.link.message.SessionAccept;
import org.openitb.link.message.SessionChallenge;
import org.openitb.link.message.SessionHello;
import org.openitb.link.message.SessionRefused;
import org.openitb.link.message.SessionResponse;
import org.openitb.link.message.WireLimits;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.TrustedPumps;
import org.openitb.link.session.SessionSetupException.Failure;
import org.openitb.link.transport.Transport;

/**
 * The device side of session set-up, two round trips: hello -> challenge, response -> accept.
 * The device checks the pump's signature against its paired pumps before it proves itself, so
 * it never signs anything for an impostor.
 */
final class ClientHandshake {
  private ClientHandshake() {}

  /**
   * @param pumpSerial the paired pump this device means to talk to: its hello is signed for that
   *     pump only (PROTOCOL.md 8.3)
   */
  static ClientChannel open(Transport transport, DeviceCredential credential, TrustedPumps pumps, String pumpSerial,
      HelloCounter counter, MessageCodec codec, SecureRandom random) {
    if (pumps.key(pumpSerial).isEmpty()) {
      throw new SessionSetupException(Failure.UNTRUSTED_PUMP, "pump " + pumpSerial + " is not paired with this device", Optional.empty());
    }
    StatsCounter stats = new StatsCounter();
    KeyPair ephemeral = X25519.generate(random);
    SessionHello hello = new SessionHello(
        WireLimits.MIN_SUPPORTED_VERSION, WireLimits.PROTOCOL_VERSION, credential.role(), credential.deviceId(),
        new Octets(X25519.raw(ephemeral.getPublic())), counter.next(), new Octets(new byte[WireLimits.ED25519_SIGNATURE_BYTES]));
    byte[] helloFrame = FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(hello));
    byte[] helloSignature = credential.sign(Transcript.helloSigned(pumpSerial, helloFrame)).bytes();
    System.arraycopy(helloSignature, 0, helloFrame, helloFrame.length - helloSignature.length, helloSignature.length);

    byte[] challengeFrame = Exchange.sendAndAwait(transport, helloFrame, stats, f -> clearAnswer(f, MessageType.SESSION_CHALLENGE, codec))
        .orElseThrow(() -> new SessionSetupException(Failure.NO_ANSWER, "no challenge from the pump", Optional.empty()));
    FrameHeader header = FrameHeader.parse(challengeFrame);
    SessionChallenge challenge = (SessionChallenge) codec.decode(header.type(), FrameHeader.payload(challengeFrame));
    if (challenge.version() < WireLimits.MIN_SUPPORTED_VERSION || challenge.version() > WireLimits.PROTOCOL_VERSION || header.sessionId() == 0) {
      throw new SessionSetupException(Failure.PROTOCOL, "pump chose version " + challenge.version() + " for session " + header.sessionId(), Optional.empty());
    }
    if (pumps.key(challenge.pumpSerial()).isEmpty() || !challenge.pumpSerial().equals(pumpSerial)) {
      throw new SessionSetupException(Failure.UNTRUSTED_PUMP, "pump " + challenge.pumpSerial() + " is not paired with this device", Optional.empty());
    }
    if (!pumps.verify(challenge.pumpSerial(), Transcript.pumpSigned(helloFrame, challengeFrame), challenge.signature().bytes())) {
      throw new SessionSetupException(Failure.BAD_PUMP_SIGNATURE, "pump " + challenge.pumpSerial() + " did not prove its identity", Optional.empty());
    }
    byte[] sharedSecret = X25519.agree(ephemeral.getPrivate(), challenge.ephemeralKey().bytes())
        .orElseThrow(() -> new SessionSetupException(Failure.PROTOCOL, "unusable pump ephemeral key", Optional.empty()));
    byte[] transcript = Transcript.hash(helloFrame, challengeFrame);
    SessionResponse response = new SessionResponse(credential.sign(Transcript.deviceSigned(transcript)));
    byte[] responseFrame = FrameHeader.clearFrame(MessageType.SESSION_RESPONSE, header.sessionId(), MessageCodec.encode(response));

    ClientChannel channel = new ClientChannel(
        transport, codec, header.sessionId(), SessionKeys.derive(sharedSecret, transcript), credential.role(), challenge.pumpSerial(), stats,
        transcript);
    SessionAccept accept = Exchange.sendAndAwait(transport, responseFrame, stats, f -> acceptOrRefusal(f, channel, codec))
        .orElseThrow(() -> new SessionSetupException(Failure.NO_ANSWER, "no accept from the pump", Optional.empty()));
    if (accept.role() != credential.role()) {
      throw new SessionSetupException(Failure.PROTOCOL, "pump granted " + accept.role() + ", asked " + credential.role(), Optional.empty());
    }
    channel.accept = accept;
    return channel;
  }

  private static Optional<byte[]> clearAnswer(byte[] frame, MessageType expected, MessageCodec codec) {
    FrameHeader header;
    try {
      header = FrameHeader.parse(frame);
    } catch (MalformedMessageException e) {
      return Optional.empty();
    }
    throwIfRefused(header, frame, codec);
    if (header.type() != expected) {
      return Optional.empty();
    }
    try {
      codec.decode(header.type(), FrameHeader.payload(frame));
      return Optional.of(frame);
    } catch (MalformedMessageException e) {
      return Optional.empty(); // garbage on the air is skipped, never trusted
    }
  }

  private static Optional<SessionAccept> acceptOrRefusal(byte[] frame, ClientChannel channel, MessageCodec codec) {
    try {
      throwIfRefused(FrameHeader.parse(frame), frame, codec);
    } catch (MalformedMessageException e) {
      return Optional.empty();
    }
    return channel.openFromPump(frame).filter(SessionAccept.class::isInstance).map(SessionAccept.class::cast);
  }

  /** A refusal is in clear and unauthenticated: it can only stop this attempt, never grant anything. */
  private static void throwIfRefused(FrameHeader header, byte[] frame, MessageCodec codec) {
    if (header.type() == MessageType.SESSION_REFUSED) {
      SessionRefused refused;
      try {
        refused = (SessionRefused) codec.decode(header.type(), FrameHeader.payload(frame));
      } catch (MalformedMessageException e) {
        return;
      }
      throw new SessionSetupException(
          Failure.REFUSED, refused.reason() + (refused.retryAfterMillis() > 0 ? ", retry after " + refused.retryAfterMillis() + " ms" : ""),
          Optional.of(refused));
    }
  }
}
