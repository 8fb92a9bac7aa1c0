// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.CommandResult.Refused;
import org.openitb.firmware.Origin;
import org.openitb.firmware.PumpEvent;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.hal.Tone;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.session.FrameVerdict;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * How every firmware value looks on the wire (firmware/TELEMETRY.md, link/PROTOCOL.md 4.7): the
 * alarm code table, each event's code, value and source, the loggable device id and the error
 * reply of each refusal. Fixed tables: a changed number is a changed protocol.
 */
class WireCodesTest {
  private static final Origin CP = Origin.clinician("CP-1");
  private static final Origin PTM = Origin.patient("PTM-7");

  @Test
  void everyAlarmHasItsFixedWireCodeAndEveryCodeItsAlarm() {
    Map<AlarmKind, Integer> expected = new LinkedHashMap<>();
    expected.put(AlarmKind.LOW_RESERVOIR, 1);
    expected.put(AlarmKind.REPLACEMENT_INDICATOR, 2);
    expected.put(AlarmKind.SETTINGS_COPY_CORRUPTED, 3);
    expected.put(AlarmKind.LOG_FAILURE, 4);
    expected.put(AlarmKind.RESERVOIR_EMPTY, 5);
    expected.put(AlarmKind.END_OF_SERVICE, 6);
    expected.put(AlarmKind.MOTOR_STALL, 7);
    expected.put(AlarmKind.MOTOR_RUNAWAY, 8);
    expected.put(AlarmKind.DELIVERY_FAULT, 9);
    expected.put(AlarmKind.SETTINGS_LOST, 10);
    expected.put(AlarmKind.STOP_EXPIRED, 11);
    expected.put(AlarmKind.RESET_LOOP, 12);
    assertThat(expected).hasSize(AlarmKind.values().length);
    expected.forEach((alarm, code) -> {
      assertThat(WireCodes.alarmCode(alarm)).as(alarm.name()).isEqualTo(code);
      assertThat(WireCodes.alarmOf(code)).as("code %d", code).contains(alarm);
    });
    assertThat(WireCodes.alarmOf(0)).isEmpty();
    assertThat(WireCodes.alarmOf(13)).isEmpty();
    assertThat(WireCodes.alarmOf(-1)).isEmpty();
  }

  @Test
  void everyEventCarriesItsStoredTypeCodeItsOneValueAndItsSource() {
    Concentration c500 = Concentration.ofMicrogramsPerMillilitre(500);
    LocalDateTime at = LocalDateTime.of(2026, 3, 2, 10, 30);
    record Wire(int code, long value, String source) {}
    Map<PumpEvent, Wire> expected = new LinkedHashMap<>();
    expected.put(new PumpEvent.Booted(PumpEvent.BootKind.RESTORED, PumpEvent.SettingsSource.BOTH, 3, 4), new Wire(1, 4, ""));
    expected.put(new PumpEvent.StrokesDelivered(3, Volume.ofNanolitres(750), 10), new Wire(2, 750, ""));
    expected.put(new PumpEvent.AlarmRaised(AlarmKind.MOTOR_STALL, Tone.CRITICAL_TWO_TONE), new Wire(3, 7, ""));
    expected.put(new PumpEvent.AlarmCleared(AlarmKind.RESET_LOOP), new Wire(4, 12, ""));
    expected.put(new PumpEvent.AlarmTested(CP), new Wire(5, 0, "CP-1"));
    expected.put(new PumpEvent.TherapyProgrammed(CP, PumpEvent.BasalKind.FLEX, Mass.ofMicrograms(400), c500, Volume.ofMillilitres(2), 77),
        new Wire(6, 400_000, "CP-1"));
    expected.put(new PumpEvent.Refilled(CP, Volume.ofMillilitres(3), Optional.of(Volume.ofMillilitres(2)), Volume.ofMillilitres(18), c500,
        true), new Wire(7, 18_000_000, "CP-1"));
    expected.put(new PumpEvent.BolusStarted(PTM, BolusKind.PATIENT, Mass.ofMicrograms(20), Volume.ofMicrolitres(40), Duration.ofMinutes(10)),
        new Wire(8, 20_000, "PTM-7"));
    expected.put(new PumpEvent.BolusEnded(BolusKind.CLINICIAN, true), new Wire(9, 1, ""));
    expected.put(new PumpEvent.BolusEnded(BolusKind.PRIMING, false), new Wire(9, 0, ""));
    expected.put(new PumpEvent.CommandRefused(PTM, "PatientBolusRequest", Code.LOCKOUT), new Wire(10, 5, "PTM-7"));
    expected.put(new PumpEvent.StallStarted(), new Wire(11, 0, ""));
    expected.put(new PumpEvent.StallRecovered(Duration.ofMinutes(3), 8), new Wire(12, 180_000, ""));
    expected.put(new PumpEvent.RunawayDetected(3), new Wire(13, 3, ""));
    expected.put(new PumpEvent.SafeStateEntered(AlarmKind.DELIVERY_FAULT), new Wire(14, 9, ""));
    expected.put(new PumpEvent.SettingsCopyCorrupted('B'), new Wire(15, 0, ""));
    expected.put(new PumpEvent.ClockSet(CP, at.minusHours(1), at), new Wire(16, 1_772_447_400_000L, "CP-1"));
    expected.put(new PumpEvent.TherapyStopped(CP, Duration.ofHours(2)), new Wire(17, 7_200_000, "CP-1"));
    expected.put(new PumpEvent.TherapyResumed(CP), new Wire(18, 0, "CP-1"));
    expected.put(new PumpEvent.StopExpired(), new Wire(19, 0, ""));
    expected.put(new PumpEvent.MagnetField(true), new Wire(20, 1, ""));
    expected.put(new PumpEvent.MagnetField(false), new Wire(20, 0, ""));
    expected.put(new PumpEvent.Interrogated(CP), new Wire(21, 0, "CP-1"));
    expected.put(new PumpEvent.ReplacementIndicator(PumpEvent.EriReason.LOW_CHARGE, 123_456_789L), new Wire(22, 123_456_789L, ""));
    expected.put(new PumpEvent.EndOfService(PumpEvent.EndReason.BATTERY), new Wire(23, 0, ""));
    expected.put(new PumpEvent.DeliveryWrittenOff(17), new Wire(24, 17, ""));
    expected.put(new PumpEvent.ReservoirEmpty(Volume.ofMicrolitres(499)), new Wire(25, 499_000, ""));
    expected.put(new PumpEvent.TelemetryFrame(FrameVerdict.REPLAY, 9, true, "CP-1"), new Wire(26, 14 * 256 + 9, "CP-1"));
    expected.put(new PumpEvent.TelemetryFramesSuppressed(41), new Wire(27, 41, ""));
    expected.put(new PumpEvent.Unreadable(), new Wire(0, 0, ""));
    expected.forEach((event, wire) -> {
      assertThat(WireCodes.eventCode(event)).as("code of %s", event).isEqualTo(wire.code());
      assertThat(WireCodes.eventValue(event)).as("value of %s", event).isEqualTo(wire.value());
      assertThat(WireCodes.source(event)).as("source of %s", event).isEqualTo(wire.source());
    });
  }

  @Test
  void aDeviceIdIsLoggedWithIdCharactersOnlyAndAtMostTheWiresLength() {
    assertThat(WireCodes.loggableId("az-AZ_09.x")).isEqualTo("az-AZ_09.x");
    assertThat(WireCodes.loggableId("CP 1/é\n")).isEqualTo("CP_1___");
    assertThat(WireCodes.loggableId("@`[{:/")).isEqualTo("______");
    String long40 = "0123456789".repeat(4);
    assertThat(WireCodes.loggableId(long40)).isEqualTo(long40.substring(0, 32));
    assertThat(WireCodes.loggableId("")).isEmpty();
    assertThat(WireCodes.source(new PumpEvent.TelemetryFrame(FrameVerdict.BAD_SIGNATURE, 1, false, "x y"))).isEqualTo("x_y");
  }

  @Test
  void everyRefusalBecomesItsErrorCodeWithTheFieldAndTheRange() {
    assertThat(WireCodes.error(new Refused(Code.NOT_AUTHORISED, "role", "PATIENT", "CLINICIAN", "not permitted")))
        .isEqualTo(ErrorReply.of(ErrorCode.NOT_PERMITTED, "role", "not permitted: got PATIENT; allowed CLINICIAN"));
    assertThat(WireCodes.error(new Refused(Code.BUSY, "bolus", "CLINICIAN", "none running", "a bolus runs")).code())
        .isEqualTo(ErrorCode.BUSY);
    assertThat(WireCodes.error(new Refused(Code.NOT_NOW, "mode", "STOPPED", "RUNNING", "stopped")).code()).isEqualTo(ErrorCode.BUSY);
    assertThat(WireCodes.error(new Refused(Code.NOT_NOW, "mode", "END_OF_SERVICE", "RUNNING", "end of service")).code())
        .isEqualTo(ErrorCode.NOT_AVAILABLE);
    assertThat(WireCodes.error(new Refused(Code.NOT_NOW, "mode", "SAFE_STATE after a runaway", "RUNNING", "safe state")).code())
        .isEqualTo(ErrorCode.NOT_AVAILABLE);
    assertThat(WireCodes.error(new Refused(Code.OUT_OF_RANGE, "drug", "morphine", "baclofen", "drug not in the pump's drug library")).code())
        .isEqualTo(ErrorCode.UNKNOWN_DRUG);
    for (Code code : new Code[] {Code.OUT_OF_RANGE, Code.HARD_DOSE_LIMIT, Code.MISMATCH, Code.LOCKOUT, Code.DAILY_LIMIT, Code.NO_ALLOWANCE}) {
      assertThat(WireCodes.error(new Refused(code, "dose", "3 mg", "<= 2 mg", "too much")))
          .as(code.name()).isEqualTo(ErrorReply.of(ErrorCode.INVALID_VALUE, "dose", "too much: got 3 mg; allowed <= 2 mg"));
    }
  }
}
