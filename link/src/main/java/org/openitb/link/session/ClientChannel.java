// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.Optional;
import org.openitb.link.Role;
import org.openitb.link.codec.MalformedMessageException;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.Direction;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.message.Message;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Reply;
import org.openitb.link.message.Request;
import org.openitb.link.message.SessionAccept;
import org.openitb.link.message.SessionClose;
import org.openitb.link.transport.Transport;

/** A device's open session: seals requests through the {@link SafetyGate}, opens and checks the pump's answers. */
final class ClientChannel {
  final Transport transport;
  final MessageCodec codec;
  final CipherState send;
  final CipherState receive;
  final Role role;
  final String pumpSerial;
  final StatsCounter stats;
  /** The handshake's transcript hash th: what a command co-signature binds the session by (PROTOCOL.md 8.10). */
  final byte[] transcriptHash;
  SessionAccept accept;
  private boolean closed;

  ClientChannel(Transport transport, MessageCodec codec, long sessionId, SessionKeys keys, Role role, String pumpSerial, StatsCounter stats,
      byte[] transcriptHash) {
    this.transcriptHash = transcriptHash.clone();
    this.transport = transport;
    this.codec = codec;
    this.send = new CipherState(keys.toPumpKey(), keys.toPumpIv(), sessionId);
    this.receive = new CipherState(keys.fromPumpKey(), keys.fromPumpIv(), sessionId);
    this.role = role;
    this.pumpSerial = pumpSerial;
    this.stats = stats;
  }

  /** Sends {@code request} and returns the pump's reply of the expected type; an error reply becomes {@link PumpRefusedException}. */
  <R extends Reply> R exchange(Request request, boolean armed, Class<R> expected) {
    if (closed) {
      throw new SessionClosedException();
    }
    MessageType type = request.type();
    SafetyGate.check(type, role, armed);
    byte[] frame = send.seal(type, MessageCodec.encode(request));
    Message reply = Exchange.sendAndAwait(transport, frame, stats, this::openFromPump)
        .orElseThrow(() -> new LinkTimeoutException(type, Exchange.MAX_SEND_ATTEMPTS));
    if (reply instanceof ErrorReply error) {
      throw new PumpRefusedException(type, error);
    }
    if (!expected.isInstance(reply) || reply.type() != type.reply().orElse(null)) {
      throw new UnexpectedReplyException("pump answered " + type + " with " + reply.type());
    }
    return expected.cast(reply);
  }

  /** The sequence number the next sealed request will carry. */
  long nextSequence() {
    return send.sequence() + 1;
  }

  /** Tells the pump the session is over (no answer expected) and refuses further use. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    byte[] frame = send.seal(MessageType.SESSION_CLOSE, MessageCodec.encode(new SessionClose()));
    transport.send(frame);
    stats.sent(frame.length, false);
  }

  boolean closed() {
    return closed;
  }

  /**
   * The message in {@code frame} if it is a sealed frame of this session from the pump, newer
   * than the last one accepted, and authentic; empty for anything else (skipped, not trusted).
   */
  Optional<Message> openFromPump(byte[] frame) {
    FrameHeader header;
    try {
      header = FrameHeader.parse(frame);
    } catch (MalformedMessageException e) {
      return Optional.empty();
    }
    if (!header.type().sealed() || header.type().direction() != Direction.FROM_PUMP
        || header.sessionId() != receive.sessionId() || header.sequence() <= receive.sequence()) {
      return Optional.empty();
    }
    Optional<byte[]> body = receive.open(header, frame);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    receive.accept(header.sequence());
    try {
      return Optional.of(codec.decode(header.type(), body.get()));
    } catch (MalformedMessageException e) {
      throw new UnexpectedReplyException("the pump sent an authentic but undecodable " + header.type() + ": " + e.getMessage());
    }
  }
}
