// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.link.Role;

/** The credentials file stores standard raw private keys; a version 1 file (SHA1PRNG key seeds) is migrated. */
class VirtualPumpCredentialsTest {
  @Test
  void aVersionOneFileIsReadWithTheSameKeysAndRewrittenAsVersionTwo(@TempDir Path dir) throws Exception {
    VirtualPumpCredentials.Provisioned p = VirtualPumpCredentials.derive("ITB-SIM-0001", 42);
    VirtualPumpCredentials current = p.credentials();
    HexFormat hex = HexFormat.of();
    StringBuilder devices = new StringBuilder();
    for (String id : new String[] {VirtualPumpCredentials.CLINICIAN_ID, VirtualPumpCredentials.PATIENT_ID,
        VirtualPumpCredentials.READ_ONLY_ID, VirtualPumpCredentials.SECOND_CLINICIAN_ID}) {
      Role role = current.devices().stream().filter(d -> d.deviceId().equals(id)).findFirst().orElseThrow().role();
      devices.append(devices.isEmpty() ? "" : ",").append("{\"deviceId\":\"").append(id).append("\",\"role\":\"").append(role)
          .append("\",\"keySeed\":\"").append(hex.formatHex(VirtualPumpCredentials.seedBytes(42, "device:" + id))).append("\"}");
    }
    Path file = dir.resolve("virtual-pump.json");
    Files.writeString(file, "{\"format\":\"" + VirtualPumpCredentials.FORMAT_V1 + "\",\"pump\":{\"serial\":\"ITB-SIM-0001\",\"publicKey\":\""
        + hex.formatHex(current.pumpPublicKey()) + "\"},\"port\":0,\"devices\":[" + devices + "]}");

    VirtualPumpCredentials read = VirtualPumpCredentials.read(file);
    assertThat(read).isEqualTo(current);
    assertThat(read.clinician().trusted().rawPublicKey()).isEqualTo(current.clinician().trusted().rawPublicKey());
    String migrated = Files.readString(file);
    assertThat(migrated).contains(VirtualPumpCredentials.FORMAT, "\"privateKey\"", hex.formatHex(read.clinician().privateKeyBytes()))
        .doesNotContain("keySeed");
    assertThat(VirtualPumpCredentials.read(file)).isEqualTo(current);
  }
}
