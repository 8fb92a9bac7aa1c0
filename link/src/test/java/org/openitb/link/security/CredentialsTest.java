// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openitb.link.Role;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.therapy.units.InvalidValueException;

class CredentialsTest {
  final DeviceCredential clinician = DeviceCredential.generate("CP-0001", Role.CLINICIAN, Fixtures.seeded(1));
  final DeviceCredential other = DeviceCredential.generate("CP-0002", Role.CLINICIAN, Fixtures.seeded(2));
  final byte[] data = "transcript".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theTrustListAcceptsOnlyTheRightKeyForTheRightRole() {
    TrustList trust = TrustList.of(clinician.trusted());
    byte[] signature = clinician.sign(data).bytes();
    assertThat(trust.verify("CP-0001", Role.CLINICIAN, data, signature)).isTrue();
    assertThat(trust.verify("CP-0001", Role.READ_ONLY, data, signature)).isFalse();
    assertThat(trust.verify("CP-0001", Role.CLINICIAN, data, other.sign(data).bytes())).isFalse();
    assertThat(trust.verify("CP-0001", Role.CLINICIAN, "other".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
    assertThat(trust.verify("CP-0001", Role.CLINICIAN, data, new byte[3])).isFalse();
    assertThat(trust.without("CP-0001").verify("CP-0001", Role.CLINICIAN, data, signature)).isFalse();
    assertThat(trust.with(other.trusted()).devices()).hasSize(2);
  }

  @Test
  void rawPublicKeysRoundTripForProvisioning() {
    TrustedDevice t = clinician.trusted();
    TrustedDevice restored = TrustedDevice.fromRaw(t.deviceId(), t.role(), t.rawPublicKey());
    assertThat(restored.rawPublicKey()).hasSize(32).isEqualTo(t.rawPublicKey());
    assertThat(TrustList.of(restored).verify("CP-0001", Role.CLINICIAN, data, clinician.sign(data).bytes())).isTrue();
  }

  @Test
  void deviceIdsAndSerialsAreCheckedAndKeysArePerDevice() {
    assertThatThrownBy(() -> DeviceCredential.generate("bad id!", Role.PATIENT, Fixtures.seeded(3))).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> PumpCredential.generate("", Fixtures.seeded(3))).isInstanceOf(InvalidValueException.class);
    assertThat(clinician.publicKey()).isNotEqualTo(other.publicKey());
    PumpCredential pump = PumpCredential.generate("ITB20-1", Fixtures.seeded(4));
    assertThat(TrustedPumps.of(pump).verify("ITB20-1", data, pump.sign(data).bytes())).isTrue();
    assertThat(TrustedPumps.of(pump).verify("ITB20-2", data, pump.sign(data).bytes())).isFalse();
  }
}
