// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pumps a programmer or patient device has been paired with: serial number to the pump's
 * Ed25519 public key. A device opens sessions only with pumps that prove possession of their key.
 */
public final class TrustedPumps {
  private final Map<String, PublicKey> keys;

  private TrustedPumps(Map<String, PublicKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  public static TrustedPumps of(Map<String, PublicKey> keysBySerial) {
    return new TrustedPumps(keysBySerial);
  }

  public static TrustedPumps of(PumpCredential... pumps) {
    Map<String, PublicKey> map = new HashMap<>();
    for (PumpCredential p : pumps) {
      map.put(p.serial(), p.publicKey());
    }
    return new TrustedPumps(map);
  }

  public TrustedPumps with(String serial, PublicKey key) {
    Map<String, PublicKey> map = new HashMap<>(keys);
    map.put(serial, key);
    return new TrustedPumps(map);
  }

  /** The serials of every paired pump. */
  public java.util.Set<String> serials() {
    return keys.keySet();
  }

  public Optional<PublicKey> key(String serial) {
    return Optional.ofNullable(keys.get(serial));
  }

  /** True only when the pump {@code serial} is known and {@code signature} verifies with its key. */
  public boolean verify(String serial, byte[] data, byte[] signature) {
    return key(serial).map(k -> Ed25519.verify(k, data, signature)).orElse(false);
  }
}
