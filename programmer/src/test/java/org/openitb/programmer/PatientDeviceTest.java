// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.message.BolusRefusal;
import org.openitb.link.message.MessageType;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.units.Mass;

class PatientDeviceTest {
  private final Rig rig = new Rig(Optional.of(Rig.withPatientBolus()));

  @Test
  void showsTheAllowanceThenGrantsThenRefusesDuringTheLockoutAndAfterTheDailyLimit() {
    try (PatientDevice d = rig.patientDevice()) {
      PatientDevice.Display shown = d.show();
      assertThat(shown.bolusDose()).isEqualTo(Mass.ofMicrograms(25));
      assertThat(shown.dosesLeftToday()).isEqualTo(2);
      assertThat(shown.canRequestNow()).isTrue();
      assertThat(d.requestBolus()).isInstanceOfSatisfying(PatientDevice.Granted.class, g -> {
        assertThat(g.dose()).isEqualTo(Mass.ofMicrograms(25));
        assertThat(g.dosesLeftToday()).isEqualTo(1);
        assertThat(g.message()).contains("next possible in 180 min");
      });
    }
    rig.clock.advance(Duration.ofMinutes(30).toMillis()); // each use opens a new session, as the patient holds the device over the pump
    try (PatientDevice d = rig.patientDevice()) {
      PatientDevice.Display locked = d.show();
      assertThat(locked.lockoutRemaining()).isEqualTo(Duration.ofMinutes(150));
      assertThat(locked.message()).contains("150 min");
      assertThat(d.requestBolus()).isInstanceOfSatisfying(PatientDevice.Denied.class, n -> {
        assertThat(n.reason()).isEqualTo(BolusRefusal.LOCKOUT);
        assertThat(n.askedPump()).isFalse();
      });
    }
    rig.clock.advance(Duration.ofMinutes(150).toMillis());
    try (PatientDevice d = rig.patientDevice()) {
      assertThat(d.requestBolus()).isInstanceOf(PatientDevice.Granted.class);
    }
    rig.clock.advance(Duration.ofHours(3).toMillis());
    try (PatientDevice d = rig.patientDevice()) {
      assertThat(d.requestBolus()).isInstanceOfSatisfying(PatientDevice.Denied.class, n -> {
        assertThat(n.reason()).isEqualTo(BolusRefusal.DAILY_LIMIT);
        assertThat(n.message()).contains("all of today's boluses");
      });
    }
    assertThat(rig.pump.requestTypes()).filteredOn(t -> t == MessageType.PATIENT_BOLUS_REQUEST).hasSize(2);
  }

  @Test
  void withoutAnAllowanceTheAnswerSaysSo() {
    Rig plain = new Rig();
    try (PatientDevice d = plain.patientDevice()) {
      assertThat(d.requestBolus()).isInstanceOfSatisfying(PatientDevice.Denied.class, n -> assertThat(n.reason()).isEqualTo(BolusRefusal.NO_ALLOWANCE));
    }
  }
}
