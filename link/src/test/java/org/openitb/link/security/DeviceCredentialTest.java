// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openitb.link.Role;

/** Credentials stored as standard raw Ed25519 private keys (RFC 8032), not as generator seeds. */
class DeviceCredentialTest {
  static final HexFormat HEX = HexFormat.of();

  @Test
  void aRawPrivateKeyGivesTheRfc8032PublicKeyAndSignature() {
    // RFC 8032 section 7.1, TEST 1
    DeviceCredential c = DeviceCredential.fromPrivateKey("CP-0001", Role.CLINICIAN,
        HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(HEX.formatHex(c.trusted().rawPublicKey())).isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(HEX.formatHex(c.sign(new byte[0]).bytes())).isEqualTo(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void theStoredPrivateKeyRecreatesTheSameCredential() {
    DeviceCredential made = DeviceCredential.generate("PTM-0001", Role.PATIENT, new SecureRandom());
    DeviceCredential again = DeviceCredential.fromPrivateKey("PTM-0001", Role.PATIENT, made.privateKeyBytes());
    assertThat(made.privateKeyBytes()).hasSize(32);
    assertThat(again.trusted().rawPublicKey()).isEqualTo(made.trusted().rawPublicKey());
    byte[] message = {1, 2, 3};
    assertThat(TrustList.of(made.trusted()).verify("PTM-0001", Role.PATIENT, message, again.sign(message).bytes())).isTrue();
  }

  @Test
  void onlyThirtyTwoBytesAreAPrivateKey() {
    assertThatThrownBy(() -> DeviceCredential.fromPrivateKey("CP-0001", Role.CLINICIAN, new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
