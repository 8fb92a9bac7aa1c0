// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import org.openitb.link.message.Message;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Octets;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyChecksum;
import org.openitb.link.message.WireLimits;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * Encodes and decodes message bodies (the plaintext inside a frame), big-endian, with the fixed
 * layouts of PROTOCOL.md. Encoding cannot fail: every message record validated itself. Decoding
 * accepts any byte array and either returns a message or throws {@link MalformedMessageException}
 * (its subclass {@link UnknownDrugException} for a drug missing from this codec's library); it
 * never allocates more than the input's length and never loops beyond it.
 *
 * <p>Encoding a body is not sending it: only a session can seal a body into a frame the pump
 * accepts, and only an armed session can seal a delivery change (see {@code session}).
 */
public final class MessageCodec {
  private final MessageDecoder decoder;

  /** A codec that resolves drug names in {@code library} (the pump's own, or the programmer's). */
  public MessageCodec(DrugLibrary library) {
    this.decoder = new MessageDecoder(library);
  }

  /** The body of {@code message}. */
  public static byte[] encode(Message message) {
    return MessageEncoder.encode(message);
  }

  /** Decodes a body of the given type; the body must be exactly one message with no trailing bytes. */
  public Message decode(MessageType type, byte[] body) {
    return decoder.decode(type, body);
  }

  /** Decodes a body whose type code came from a frame header; an unknown code is malformed. */
  public Message decode(int typeCode, byte[] body) {
    MessageType type = MessageType.fromCode(typeCode).orElseThrow(
        () -> new MalformedMessageException("type", "unknown message type 0x" + Integer.toHexString(typeCode)));
    return decode(type, body);
  }

  /** The canonical bytes of a therapy (the block PROPOSE_THERAPY carries). */
  public static byte[] encodeTherapy(Therapy therapy) {
    BodyWriter w = new BodyWriter();
    TherapyCodec.encode(w, therapy);
    return w.toBytes();
  }

  /** The checksum a preview and a commit use: SHA-256 of the canonical therapy bytes, first 8 bytes. */
  public static TherapyChecksum checksum(Therapy therapy) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(encodeTherapy(therapy));
      return new TherapyChecksum(new Octets(Arrays.copyOf(hash, WireLimits.CHECKSUM_BYTES)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** {@link TherapyChecksum#NONE} for no therapy, else the therapy's checksum. */
  public static TherapyChecksum checksum(Optional<Therapy> therapy) {
    return therapy.map(MessageCodec::checksum).orElse(TherapyChecksum.NONE);
  }
}
