// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

/**
 * Where an authenticated request came from, beyond its device and role: the session's handshake
 * transcript hash and the sealed frame's sequence number. A command co-signature binds both
 * (link/PROTOCOL.md 8.10), so the handler can check it is for exactly this frame of this session.
 */
public record RequestContext(byte[] transcriptHash, long sequence) {
  public RequestContext {
    transcriptHash = transcriptHash.clone();
  }

  @Override
  public byte[] transcriptHash() {
    return transcriptHash.clone();
  }
}
