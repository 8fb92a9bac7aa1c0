// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.function.LongSupplier;
import org.openitb.link.Role;
import org.openitb.link.security.AuthRateLimiter;

/**
 * What the pump keeps per trusted credential (device id and role) for session set-up: the highest
 * hello counter it verified (a recorded hello is a replay), the credential's own failed-set-up
 * lockout (one device's failures never lock out another: the patient's device always gets in
 * while a stolen or faulty clinician device is locked out, and the other way round), and the
 * credential's one outstanding challenge. Only a hello that verifies with the credential's key
 * touches any of it.
 */
final class Admission {
  /** A credential: the trust list holds one key per (role, device id). */
  record Key(Role role, String deviceId) {}

  final AuthRateLimiter limiter;
  long highestCounter;
  long lockoutNoticeUntil;
  PendingHandshake pending;
  /** Copies of the pending challenge's hello answered again (a lost challenge): at most 2. */
  int helloRepeatsAnswered;

  Admission(LongSupplier clock) {
    this.limiter = new AuthRateLimiter(clock);
  }
}
