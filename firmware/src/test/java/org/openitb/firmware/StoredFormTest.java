// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.*;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.engine.BolusShape;
import org.openitb.firmware.engine.OneOffBolus;
import org.openitb.firmware.engine.RecentBolus;
import org.openitb.firmware.hal.Tone;
import org.openitb.firmware.storage.ByteReader;
import org.openitb.firmware.storage.ByteWriter;
import org.openitb.firmware.storage.CorruptDataException;
import org.openitb.firmware.storage.EventLog;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.firmware.storage.StateCodec;
import org.openitb.firmware.storage.StoredState;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class StoredFormTest {
  private static final Origin LONGEST = new Origin(Role.CLINICIAN, "ABCDEFGHIJKLMNOP");

  static List<PumpEvent> oneOfEach() {
    return List.of(
        new Booted(BootKind.RESTORED, SettingsSource.ONLY_B, 164, 3),
        new StrokesDelivered(166, Volume.ofNanolitres(41_500), 4_163),
        new AlarmRaised(AlarmKind.RESET_LOOP, Tone.CRITICAL_TWO_TONE),
        new AlarmCleared(AlarmKind.LOW_RESERVOIR),
        new AlarmTested(LONGEST),
        new TherapyProgrammed(LONGEST, BasalKind.FLEX, Mass.ofNanograms(297_879), TestPump.C500, Volume.ofMillilitres(5), -954_911_329),
        new Refilled(LONGEST, Volume.ofNanolitres(-3), Optional.of(Volume.ofMicrolitres(480)), Volume.ofMillilitres(40),
            Concentration.ofMicrogramsPerMillilitre(2000), true),
        new Refilled(LONGEST, Volume.ZERO, Optional.empty(), Volume.ofMillilitres(20), TestPump.C500, false),
        new BolusStarted(LONGEST, BolusKind.BRIDGE, Mass.ofMicrograms(125), Volume.ofMicrolitres(250), Duration.ofHours(6)),
        new BolusEnded(BolusKind.PATIENT, false),
        new CommandRefused(LONGEST, "PatientBolusRequest", CommandResult.Code.DAILY_LIMIT),
        new StallStarted(),
        new StallRecovered(Duration.ofMillis(1_792_800), 83),
        new RunawayDetected(1),
        new SafeStateEntered(AlarmKind.SETTINGS_LOST),
        new SettingsCopyCorrupted('B'),
        new ClockSet(LONGEST, LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(2199, 12, 31, 23, 59, 59, 999_000_000)),
        new TherapyStopped(LONGEST, Duration.ofHours(48)),
        new TherapyResumed(Origin.patient("P")),
        new StopExpired(),
        new MagnetField(true),
        new Interrogated(new Origin(Role.READ_ONLY, "R")),
        new ReplacementIndicator(EriReason.PROJECTED_BATTERY_LIFE, 7 * 365 * TestPump.DAY),
        new EndOfService(EndReason.SERVICE_LIFE),
        new DeliveryWrittenOff(Long.MAX_VALUE),
        new ReservoirEmpty(Volume.ofMicrolitres(500)),
        new PumpEvent.TelemetryFrame(org.openitb.link.session.FrameVerdict.SESSION_SUPERSEDED, 0x7F, false, "A".repeat(32)),
        new PumpEvent.TelemetryFrame(org.openitb.link.session.FrameVerdict.ACCEPTED, 0, true, ""),
        new PumpEvent.TelemetryFramesSuppressed(Long.MAX_VALUE));
  }

  @Test
  void everyEventTypeRoundTripsThroughALogSlot() {
    Set<Class<?>> covered = oneOfEach().stream().map(Object::getClass).collect(Collectors.toSet());
    Set<Class<?>> all = Arrays.stream(PumpEvent.class.getPermittedSubclasses()).filter(c -> c != Unreadable.class).collect(Collectors.toSet());
    assertThat(covered).isEqualTo(all);

    FakeHardware.FakeMemory memory = new FakeHardware.FakeMemory(64 * EventLog.SLOT_BYTES);
    EventLog log = new EventLog(memory, 0, 64);
    List<LogEntry> written = new ArrayList<>();
    long t = 1;
    for (PumpEvent e : oneOfEach()) {
      written.add(log.append(t++, e));
    }
    assertThat(log.since(0)).isEqualTo(written);
    EventLog recovered = new EventLog(memory, 0, 64);
    recovered.recover(0);
    assertThat(recovered.lastNumber()).isEqualTo(written.size());
  }

  @Test
  void theLargestSettingsFitACopyAndRoundTrip() {
    List<ScheduledBolus> scheduled = Collections.nCopies(TherapyLimits.MAX_SCHEDULED_BOLUSES,
        new ScheduledBolus(LocalTime.of(23, 59), Mass.ofMicrograms(100), Duration.ofHours(23).plusMinutes(59)));
    StringBuilder steps = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      steps.append(h == 0 ? "" : ",").append(String.format("%02d:00=%d", h, 100 + h));
    }
    Prescription rx = new Prescription(DrugLibrary.baclofen(), TestPump.C500, FlexSchedule.parse(steps.toString(), "flex", "mcg/day"),
        scheduled, Optional.of(new PatientBolusAllowance(Mass.ofMicrograms(50), Duration.ofMinutes(30), Duration.ofHours(1), 24)));
    BolusShape shape = new BolusShape(Long.MAX_VALUE / 2, 86_400_000L);
    StoredState state = new StoredState(Mode.STOP_EXPIRED, AlarmKind.DELIVERY_FAULT, -123_456_789L, Etiology.PAEDIATRIC, 5_000_000,
        DrugLibrary.baclofen(), TestPump.C500, Concentration.ofMicrogramsPerMillilitre(2000), true, 19_999_750, rx, rx, 1_000,
        Long.MAX_VALUE, Collections.nCopies(StateCodec.MAX_BOLUSES, new OneOffBolus(BolusKind.PRIMING, 5, shape, Mass.ofMicrograms(1),
        Volume.ofMicrolitres(2))), Collections.nCopies(StateCodec.MAX_PATIENT_STARTS, 99L),
        Collections.nCopies(StateCodec.MAX_RECENT, new RecentBolus(7, 8)), -1L, true, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        Collections.nCopies(StateCodec.MAX_BOOTS, 11L));
    ByteWriter w = new ByteWriter();
    StateCodec.encode(w, state);

    assertThat(w.length()).isLessThan(SettingsStore.COPY_BYTES - 20);
    assertThat(StateCodec.decode(w.toArray(), DrugLibrary.standard())).isEqualTo(state);
  }

  @Test
  void truncatedOrAlteredSettingsNeverDecode() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.fw.runtime().persist();
    byte[] copy = pump.hw.memory.read(16, 600);
    int length = new ByteReader(pump.hw.memory.read(12, 4), 0, 4).getInt();
    byte[] payload = Arrays.copyOf(copy, length);
    StoredState stored = StateCodec.decode(payload, DrugLibrary.standard());
    assertThat(stored.mode()).isEqualTo(Mode.RUNNING);
    assertThat(stored.running()).isEqualTo(TestPump.simple(500));
    assertThat(stored.etiology()).isEqualTo(Etiology.SPINAL);
    assertThat(stored.beliefNl()).isEqualTo(20_000_000);
    assertThat(stored.lowAlarmNl()).isEqualTo(2_000_000);

    assertThatThrownBy(() -> StateCodec.decode(Arrays.copyOf(payload, length - 1), DrugLibrary.standard()))
        .isInstanceOf(CorruptDataException.class);
    byte[] wrongVersion = payload.clone();
    wrongVersion[0] = 9;
    assertThatThrownBy(() -> StateCodec.decode(wrongVersion, DrugLibrary.standard())).isInstanceOf(CorruptDataException.class)
        .hasMessage("settings version");
    byte[] trailing = Arrays.copyOf(payload, length + 1);
    assertThatThrownBy(() -> StateCodec.decode(trailing, DrugLibrary.standard())).isInstanceOf(CorruptDataException.class)
        .hasMessage("1 trailing bytes");
  }

  @Test
  void theWidestUtcOffsetsAreStoredAndOneMinuteMoreIsCorrupt() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.fw.runtime().persist();
    int length = new ByteReader(pump.hw.memory.read(12, 4), 0, 4).getInt();
    byte[] payload = pump.hw.memory.read(16, length);
    // a state without a stall episode ends with the offset in minutes (4 bytes) and the episode's absence (1 byte)
    assertThat(payload[length - 1]).isZero();
    for (int minutes : new int[] {StateCodec.MAX_UTC_OFFSET_MINUTES, -StateCodec.MAX_UTC_OFFSET_MINUTES}) {
      System.arraycopy(java.nio.ByteBuffer.allocate(4).putInt(minutes).array(), 0, payload, length - 5, 4);
      assertThat(StateCodec.decode(payload, DrugLibrary.standard()).utcOffsetMinutes()).isEqualTo(minutes);
    }
    for (int minutes : new int[] {StateCodec.MAX_UTC_OFFSET_MINUTES + 1, -StateCodec.MAX_UTC_OFFSET_MINUTES - 1}) {
      System.arraycopy(java.nio.ByteBuffer.allocate(4).putInt(minutes).array(), 0, payload, length - 5, 4);
      assertThatThrownBy(() -> StateCodec.decode(payload, DrugLibrary.standard())).isInstanceOf(CorruptDataException.class)
          .hasMessage("utc offset " + minutes);
    }
  }

  @Test
  void deviceIdentifiersAreBoundedPrintableAscii() {
    assertThatThrownBy(() -> new Origin(Role.CLINICIAN, "ABCDEFGHIJKLMNOPQ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Origin(Role.CLINICIAN, "two words")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Origin(Role.CLINICIAN, "")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Origin(Role.PATIENT, "PTM-7").toString()).isEqualTo("PATIENT:PTM-7");
  }
}
