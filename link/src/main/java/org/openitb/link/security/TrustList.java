// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openitb.link.Role;

/**
 * The devices a pump accepts, by role: for each role, device id to public key. Knowing a device
 * id (or the pump's serial) grants nothing; only a signature by the listed key does. Immutable:
 * pairing or revoking makes a new list.
 */
public final class TrustList {
  private final Map<Role, Map<String, TrustedDevice>> byRole;

  private TrustList(Map<Role, Map<String, TrustedDevice>> byRole) {
    this.byRole = byRole;
  }

  public static TrustList of(TrustedDevice... devices) {
    return of(List.of(devices));
  }

  public static TrustList of(List<TrustedDevice> devices) {
    Map<Role, Map<String, TrustedDevice>> map = new EnumMap<>(Role.class);
    for (TrustedDevice d : devices) {
      map.computeIfAbsent(d.role(), r -> new HashMap<>()).put(d.deviceId(), d);
    }
    Map<Role, Map<String, TrustedDevice>> frozen = new EnumMap<>(Role.class);
    map.forEach((role, ids) -> frozen.put(role, Map.copyOf(ids)));
    return new TrustList(frozen);
  }

  /** This list plus {@code device} (replacing an entry with the same id and role). */
  public TrustList with(TrustedDevice device) {
    List<TrustedDevice> all = new ArrayList<>(devices());
    all.removeIf(d -> d.deviceId().equals(device.deviceId()) && d.role() == device.role());
    all.add(device);
    return of(all);
  }

  /** This list without any entry for {@code deviceId} (revocation). */
  public TrustList without(String deviceId) {
    List<TrustedDevice> all = new ArrayList<>(devices());
    all.removeIf(d -> d.deviceId().equals(deviceId));
    return of(all);
  }

  public List<TrustedDevice> devices() {
    List<TrustedDevice> all = new ArrayList<>();
    byRole.values().forEach(m -> all.addAll(m.values()));
    return List.copyOf(all);
  }

  /** The entry for {@code deviceId} in {@code role}, if the device is trusted for exactly that role. */
  public Optional<TrustedDevice> find(String deviceId, Role role) {
    return Optional.ofNullable(byRole.getOrDefault(role, Map.of()).get(deviceId));
  }

  /** True only when {@code deviceId} is trusted for {@code role} and {@code signature} over {@code data} verifies with its key. */
  public boolean verify(String deviceId, Role role, byte[] data, byte[] signature) {
    return find(deviceId, role).map(d -> Ed25519.verify(d.publicKey(), data, signature)).orElse(false);
  }
}
