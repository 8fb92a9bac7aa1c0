// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.BasalKind;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.EndReason;
import org.openitb.firmware.PumpEvent.EriReason;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.alarms.AlarmManager;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.engine.BolusShape;
import org.openitb.firmware.engine.DeliveryUnits;
import org.openitb.firmware.engine.OneOffBolus;
import org.openitb.firmware.engine.RecentBolus;
import org.openitb.firmware.engine.StallTracker;
import org.openitb.firmware.hal.Tone;
import org.openitb.firmware.storage.ByteReader;
import org.openitb.firmware.storage.ByteWriter;
import org.openitb.firmware.storage.Checksums;
import org.openitb.firmware.storage.CorruptDataException;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.storage.EventLog;
import org.openitb.firmware.storage.PrescriptionCodec;
import org.openitb.firmware.storage.SettingsStore.Valid;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.firmware.storage.StateCodec;
import org.openitb.firmware.storage.StoredCodes;
import org.openitb.firmware.storage.StoredState;
import org.openitb.link.session.FrameVerdict;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Golden byte vectors of the stored formats (DESIGN.md 7): what an implanted pump wrote must read
 * the same after any code change. Each vector is written out field by field (spaces separate
 * fields) from the layouts in {@link EventLog}, {@link SettingsStore} and {@link StateCodec}; the
 * tests check both directions: the writer produces exactly these bytes, and these bytes read back
 * as the same values. Enum fields hold the explicit codes of {@link StoredCodes}, pinned here
 * constant by constant so that reordering an enum cannot silently renumber a stored value.
 */
class StoredFormatGoldenTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String spaced) {
    return HEX.parseHex(spaced.replace(" ", ""));
  }

  // ---- every enum code, constant by constant -------------------------------------------------

  private static <E extends Enum<E>> void pins(Class<E> type, ToIntFunction<E> code, Map<String, Integer> expected) {
    Map<String, Integer> actual = new LinkedHashMap<>();
    for (E e : type.getEnumConstants()) {
      actual.put(e.name(), code.applyAsInt(e));
      assertThat(StoredCodes.decode(type, code, code.applyAsInt(e))).isSameAs(e);
    }
    assertThat(actual).as(type.getSimpleName()).isEqualTo(expected);
    int unused = 0;
    while (expected.containsValue(unused)) {
      unused++;
    }
    int missing = unused;
    assertThatThrownBy(() -> StoredCodes.decode(type, code, missing)).isInstanceOf(CorruptDataException.class)
        .hasMessage(type.getSimpleName() + " code " + missing);
    assertThatThrownBy(() -> StoredCodes.decode(type, code, StoredCodes.NONE)).isInstanceOf(CorruptDataException.class);
  }

  private static Map<String, Integer> codes(Object... nameCode) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < nameCode.length; i += 2) {
      m.put((String) nameCode[i], (Integer) nameCode[i + 1]);
    }
    return m;
  }

  @Test
  void everyStoredEnumHasItsExplicitCode() {
    pins(Mode.class, StoredCodes::mode, codes("NOT_PROGRAMMED", 0, "RUNNING", 1, "STOPPED", 2, "STOP_EXPIRED", 3,
        "RESERVOIR_EMPTY", 4, "END_OF_SERVICE", 5, "SAFE_STATE", 6));
    pins(AlarmKind.class, StoredCodes::alarm, codes("LOW_RESERVOIR", 0, "REPLACEMENT_INDICATOR", 1, "SETTINGS_COPY_CORRUPTED", 2,
        "LOG_FAILURE", 3, "RESERVOIR_EMPTY", 4, "END_OF_SERVICE", 5, "MOTOR_STALL", 6, "MOTOR_RUNAWAY", 7, "DELIVERY_FAULT", 8,
        "SETTINGS_LOST", 9, "STOP_EXPIRED", 10, "RESET_LOOP", 11));
    pins(Etiology.class, StoredCodes::etiology, codes("SPINAL", 0, "CEREBRAL", 1, "PAEDIATRIC", 2));
    pins(BolusKind.class, StoredCodes::bolusKind, codes("CLINICIAN", 0, "PRIMING", 1, "BRIDGE", 2, "PATIENT", 3));
    pins(Role.class, StoredCodes::role, codes("CLINICIAN", 0, "PATIENT", 1, "READ_ONLY", 2));
    pins(Tone.class, StoredCodes::tone, codes("CRITICAL_TWO_TONE", 0, "NON_CRITICAL_SINGLE_TONE", 1));
    pins(BootKind.class, StoredCodes::bootKind, codes("FIRST_POWER_ON", 0, "RESTORED", 1, "SETTINGS_LOST", 2));
    pins(SettingsSource.class, StoredCodes::settingsSource, codes("BOTH", 0, "ONLY_A", 1, "ONLY_B", 2, "NONE", 3));
    pins(BasalKind.class, StoredCodes::basalKind, codes("STOPPED", 0, "SIMPLE_CONTINUOUS", 1, "FLEX", 2));
    pins(EriReason.class, StoredCodes::eriReason, codes("PROJECTED_BATTERY_LIFE", 0, "LOW_CHARGE", 1, "SERVICE_LIFE", 2));
    pins(EndReason.class, StoredCodes::endReason, codes("BATTERY", 0, "SERVICE_LIFE", 1));
    pins(CommandResult.Code.class, StoredCodes::refusal, codes("NOT_AUTHORISED", 0, "NOT_NOW", 1, "OUT_OF_RANGE", 2,
        "HARD_DOSE_LIMIT", 3, "MISMATCH", 4, "LOCKOUT", 5, "DAILY_LIMIT", 6, "NO_ALLOWANCE", 7, "BUSY", 8));
    pins(FrameVerdict.class, StoredCodes::verdict, codes("ACCEPTED", 0, "SESSION_CLOSED", 1, "HANDLER_REFUSED", 2,
        "HANDLER_FAILED", 3, "NO_PROXIMITY", 4, "LOCKED_OUT", 5, "MALFORMED", 6, "UNSUPPORTED_VERSION", 7, "UNKNOWN_DEVICE", 8,
        "BAD_SIGNATURE", 9, "NO_HANDSHAKE", 10, "HANDSHAKE_EXPIRED", 11, "NO_SESSION", 12, "STALE_SESSION", 13, "REPLAY", 14,
        "RETRANSMISSION", 15, "TAMPERED", 16, "WRONG_ROLE", 17, "WRONG_DIRECTION", 18, "SESSION_SUPERSEDED", 19));
  }

  @Test
  void theAlarmMaskHasOneBitPerAlarmCode() {
    assertThat(StoredCodes.alarmMask(EnumSet.of(AlarmKind.LOW_RESERVOIR, AlarmKind.MOTOR_STALL))).isEqualTo(0x41L);
    assertThat(StoredCodes.alarmMask(EnumSet.allOf(AlarmKind.class))).isEqualTo(0xfffL);
    assertThat(StoredCodes.alarmMask(EnumSet.noneOf(AlarmKind.class))).isZero();
    AlarmManager alarms = new AlarmManager(new FakeHardware(16).buzzer, 1, 1);
    alarms.restore(StoredCodes.alarmsIn(0x841L), 0);
    assertThat(alarms.latched()).containsExactlyInAnyOrder(AlarmKind.LOW_RESERVOIR, AlarmKind.MOTOR_STALL, AlarmKind.RESET_LOOP);
    assertThat(StoredCodes.alarmMask(alarms.latched())).isEqualTo(0x841L);
    for (AlarmKind a : AlarmKind.values()) {
      assertThat(StoredCodes.inMask(0x841L, a)).as(a.name()).isEqualTo(alarms.isLatched(a));
    }
  }

  // ---- log slots -------------------------------------------------------------------------------

  /** The type byte and payload of each event of {@link StoredFormTest#oneOfEach()}, in that order. */
  private static final List<String> EVENT_VECTORS = List.of(
      "01 | 01 02 00000000000000a4 00000003",
      "02 | 00000000000000a6 000000000000a21c 0000000000001043",
      "03 | 0b 00",
      "04 | 00",
      "05 | 00 10 4142434445464748494a4b4c4d4e4f50",
      "06 | 00 10 4142434445464748494a4b4c4d4e4f50 02 0000000000048b97 000000000007a120 00000000004c4b40 c715359f",
      "07 | 00 10 4142434445464748494a4b4c4d4e4f50 fffffffffffffffd 01 0000000000075300 0000000002625a00 00000000001e8480 01",
      "07 | 00 10 4142434445464748494a4b4c4d4e4f50 0000000000000000 00 0000000000000000 0000000001312d00 000000000007a120 00",
      "08 | 00 10 4142434445464748494a4b4c4d4e4f50 02 000000000001e848 000000000003d090 0000000001499700",
      "09 | 03 00",
      "0a | 00 10 4142434445464748494a4b4c4d4e4f50 13 50617469656e74426f6c757352657175657374 06",
      "0b |",
      "0c | 00000000001b5b20 0000000000000053",
      "0d | 0000000000000001",
      "0e | 09",
      "0f | 42",
      "10 | 00 10 4142434445464748494a4b4c4d4e4f50 0000000000000000 00000699e991a7ff",
      "11 | 00 10 4142434445464748494a4b4c4d4e4f50 000000000a4cb800",
      "12 | 01 01 50",
      "13 |",
      "14 | 01",
      "15 | 02 01 52",
      "16 | 00 0000003365d83400",
      "17 | 01",
      "18 | 7fffffffffffffff",
      "19 | 000000000007a120",
      "1a | 13 7f 00 20 4141414141414141414141414141414141414141414141414141414141414141",
      "1a | 00 00 01 00",
      "1b | 7fffffffffffffff");

  @Test
  void everyEventTypeHasAGoldenPayload() {
    List<PumpEvent> events = StoredFormTest.oneOfEach();
    assertThat(EVENT_VECTORS).hasSameSizeAs(events);
    for (int i = 0; i < events.size(); i++) {
      PumpEvent event = events.get(i);
      String[] parts = EVENT_VECTORS.get(i).split("\\|", -1);
      int type = Integer.parseInt(parts[0].trim(), 16);
      byte[] payload = hex(parts[1].trim());

      ByteWriter w = new ByteWriter();
      assertThat(EventCodec.encode(event, w)).as("type of %s", event).isEqualTo(type);
      assertThat(HEX.formatHex(w.toArray())).as("payload of %s", event).isEqualTo(HEX.formatHex(payload));
      assertThat(EventCodec.decode(type, new ByteReader(payload, 0, payload.length))).isEqualTo(event);
    }
  }

  /** Slot 1 of a log: entry 1 at RTC 1000 ms, AlarmRaised(MOTOR_STALL, critical two-tone). */
  private static final String SLOT = "0000000000000001" // entry number
      + "00000000000003e8" // RTC millis 1000
      + "03" // type: AlarmRaised
      + "02" // payload length
      + "06" + "00" // alarm code 6 MOTOR_STALL, tone code 0 critical
      + "00".repeat(EventLog.SLOT_BYTES - 4 - 18 - 2) // padding
      + "fa83d3db"; // CRC-32 of the 92 bytes before it

  @Test
  void aLogSlotIsExactlyItsGoldenVector() {
    FakeHardware.FakeMemory memory = new FakeHardware.FakeMemory(2 * EventLog.SLOT_BYTES);
    EventLog log = new EventLog(memory, 0, 2);
    PumpEvent stall = new PumpEvent.AlarmRaised(AlarmKind.MOTOR_STALL, Tone.CRITICAL_TWO_TONE);
    log.append(1_000, stall);
    assertThat(HEX.formatHex(memory.read(0, EventLog.SLOT_BYTES))).isEqualTo(SLOT);

    FakeHardware.FakeMemory old = new FakeHardware.FakeMemory(2 * EventLog.SLOT_BYTES);
    old.write(0, hex(SLOT));
    EventLog reader = new EventLog(old, 0, 2);
    reader.recover(0);
    assertThat(reader.since(0)).containsExactly(new LogEntry(1, 1_000, stall));
  }

  // ---- a settings copy -------------------------------------------------------------------------

  static StoredState settings() {
    return new StoredState(Mode.RUNNING, null, 3_600_000L, Etiology.CEREBRAL, 2_000_000, DrugLibrary.baclofen(), TestPump.C500,
        TestPump.C500, false, 18_000_000, TestPump.simple(500), null, 0, DeliveryUnits.NEVER,
        List.of(new OneOffBolus(BolusKind.PRIMING, 1_000, new BolusShape(40, 600_000), Mass.ofMicrograms(100), Volume.ofMicrolitres(200))),
        List.of(), List.of(new RecentBolus(1_000, 40)), 0x41L, true, DeliveryUnits.NEVER, DeliveryUnits.NEVER, 4_000, 2, 1,
        5_000, 7, 9, 4_002, 12, List.of(0L, 4_000L), -300);
  }

  /** {@link #settings()} with a stall episode in progress (StateCodec version 3 stores it). */
  static StoredState stalledSettings() {
    StoredState s = settings();
    return new StoredState(s.mode(), s.safeReason(), s.clockOffsetMillis(), s.etiology(), s.lowAlarmNl(), s.drug(),
        s.reservoirConcentration(), s.tubingConcentration(), s.bridgePending(), s.beliefNl(), s.running(), s.afterBridge(),
        s.bridgeStrokesRemaining(), s.stopExpiresAt(), s.boluses(), s.patientBolusStarts(), s.recentOneOffs(), s.latchedAlarms(),
        s.interrogationRequired(), s.eriAt(), s.eosAt(), s.strokesDelivered(), s.strokesWrittenOff(), s.failedAttempts(), s.checkpointAt(),
        s.engineOwed(), s.monitorBudget(), s.expectedRotations(), s.lastLogNumber(), s.bootTimes(), s.utcOffsetMinutes(),
        new StallTracker.Episode(3_600_000L, 3, 4_020_000L, 2));
  }

  /** Copy A after the first save: header, payload (StateCodec version 2 as written before issue 11 item 6, or 3), CRC. */
  private static final String COPY = "49544231" // magic "ITB1"
      + "0000000000000001" // sequence 1
      + "%s" // payload length
      + "%s" // payload
      + "%s"; // CRC-32

  /** The version 2 payload of {@link #settings()}, as pumps wrote it before the stall episode was stored. */
  private static final String PAYLOAD = "02" // StateCodec version
      + "%s";

  /** Version 3: the version 2 body, then the stall episode. */
  private static final String PAYLOAD_V3 = "03" // StateCodec version
      + "%s";

  /** Everything after the version byte up to the UTC offset (versions 2 and 3 share it). */
  private static final String BODY = ""
      + "01" // mode code 1 RUNNING
      + "ff" // no safe-state reason
      + "000000000036ee80" // clock offset 3 600 000 ms
      + "01" // etiology code 1 CEREBRAL
      + "00000000001e8480" // low-reservoir alarm 2 000 000 nL
      + "01" + "08" + "6261636c6f66656e" /* "baclofen" */ // drug present, its name
      + "000000000007a120" // reservoir concentration 500 000 ng/mL
      + "000000000007a120" // tubing concentration
      + "00" // no bridge pending
      + "000000000112a880" // belief 18 000 000 nL
      + "01" + "%s" // running prescription present, PrescriptionCodec form
      + "00" // no prescription after a bridge
      + "0000000000000000" // bridge strokes remaining
      + "7fffffffffffffff" // stop expiry: never
      + "01" // one one-off bolus:
      + "01" + "00000000000003e8" + "0000000000000028" + "00000000000927c0" // kind code 1 PRIMING, start 1000, 40 units, 600 000 ms
      + "00000000000186a0" + "0000000000030d40" // 100 000 ng, 200 000 nL
      + "00" // no patient bolus starts
      + "01" + "00000000000003e8" + "0000000000000028" // one recent one-off: start 1000, 40 units
      + "0000000000000041" // latched alarm mask: bits 0 LOW_RESERVOIR and 6 MOTOR_STALL
      + "01" // interrogation required
      + "7fffffffffffffff" + "7fffffffffffffff" // ERI at, EOS at: never
      + "0000000000000fa0" + "0000000000000002" + "0000000000000001" // strokes delivered, written off, failed attempts
      + "0000000000001388" + "0000000000000007" + "0000000000000009" + "0000000000000fa2" // checkpoint, owed, budget, rotations
      + "000000000000000c" // last log number 12
      + "02" + "0000000000000000" + "0000000000000fa0" // two boot times
      + "fffffed4"; // UTC offset -300 min

  /** The version 3 tail of a pump not stalled. */
  private static final String NO_STALL = "00";

  /** The version 3 tail of {@link #stalledSettings()}. */
  private static final String STALL = "01" // a stall episode in progress:
      + "000000000036ee80" // started at RTC 3 600 000 ms
      + "00000003" // 3 failed attempts
      + "00000000003d5720" // next retry at RTC 4 020 000 ms
      + "0000000000000002"; // 2 strokes written off since it started

  private static String v2(String prescription) {
    return PAYLOAD.formatted(BODY.formatted(prescription));
  }

  private static String v3(String prescription, String stall) {
    return PAYLOAD_V3.formatted(BODY.formatted(prescription)) + stall;
  }

  /** A whole settings copy (sequence 1) around {@code payload}. */
  private static String copyOf(String payload) {
    byte[] image = hex("49544231" + "0000000000000001" + String.format("%08x", payload.length() / 2) + payload);
    return COPY.formatted(String.format("%08x", payload.length() / 2), payload,
        String.format("%08x", Checksums.crc32(image, 0, image.length)));
  }

  @Test
  void aSettingsCopyIsExactlyItsGoldenVector() {
    StoredState state = settings();
    ByteWriter rx = new ByteWriter();
    PrescriptionCodec.write(rx, state.running());
    assertThat(HEX.formatHex(rx.toArray())).isEqualTo(
        "08" + "6261636c6f66656e" /* "baclofen" */ // drug name
            + "000000000007a120" // concentration 500 000 ng/mL
            + "01" + "000000000007a120" // SIMPLE, 500 000 ng/day (500 mcg/day)
            + "00" // no scheduled boluses
            + "00"); // no patient bolus allowance
    String payload = v3(HEX.formatHex(rx.toArray()), NO_STALL);
    String copy = copyOf(payload);
    assertThat(copy.length() / 2).isEqualTo(16 + 4 + payload.length() / 2);

    FakeHardware.FakeMemory memory = new FakeHardware.FakeMemory(SettingsStore.TOTAL_BYTES);
    ByteWriter w = new ByteWriter();
    StateCodec.encode(w, state);
    new SettingsStore(memory).save(w);
    assertThat(HEX.formatHex(memory.read(0, copy.length() / 2))).isEqualTo(copy);
    assertThat(HEX.formatHex(memory.read(SettingsStore.COPY_BYTES, copy.length() / 2))).isEqualTo(copy);

    FakeHardware.FakeMemory old = new FakeHardware.FakeMemory(SettingsStore.TOTAL_BYTES);
    old.write(0, hex(copy));
    SettingsStore.CopyState[] read = new SettingsStore(old).readBoth();
    assertThat(read[1]).isInstanceOf(SettingsStore.Blank.class);
    Valid a = (Valid) read[0];
    assertThat(a.sequence()).isEqualTo(1);
    assertThat(StateCodec.decode(a.payload(), DrugLibrary.standard())).isEqualTo(state);
  }

  private static final String RX = "08" + "6261636c6f66656e" /* "baclofen" */
      + "000000000007a120" + "01" + "000000000007a120" + "00" + "00";

  @Test
  void aSettingsCopyWithAStallIsExactlyItsGoldenVector() {
    String copy = copyOf(v3(RX, STALL));
    FakeHardware.FakeMemory memory = new FakeHardware.FakeMemory(SettingsStore.TOTAL_BYTES);
    ByteWriter w = new ByteWriter();
    StateCodec.encode(w, stalledSettings());
    new SettingsStore(memory).save(w);
    assertThat(HEX.formatHex(memory.read(0, copy.length() / 2))).isEqualTo(copy);
    Valid a = (Valid) new SettingsStore(memory).readBoth()[0];
    assertThat(StateCodec.decode(a.payload(), DrugLibrary.standard())).isEqualTo(stalledSettings());
  }

  @Test
  void aVersion2CopyStillReadsAsAPumpNotStalled() {
    FakeHardware.FakeMemory old = new FakeHardware.FakeMemory(SettingsStore.TOTAL_BYTES);
    old.write(0, hex(copyOf(v2(RX))));
    Valid a = (Valid) new SettingsStore(old).readBoth()[0];
    StoredState state = StateCodec.decode(a.payload(), DrugLibrary.standard());
    assertThat(state).isEqualTo(settings());
    assertThat(state.stall()).isNull();
    // a version 2 copy ends at the UTC offset: a stall tail after it is not version 2
    assertThatThrownBy(() -> StateCodec.decode(hex(v2(RX) + STALL), DrugLibrary.standard())).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void aStallEpisodeOutOfRangeOrAnUnknownVersionIsCorruptData() {
    String body = BODY.formatted(RX);
    for (String bad : List.of(
        "03" + body + "01" + "000000000036ee80" + "00000000" + "00000000003d5720" + "0000000000000002", // no failed attempt
        "03" + body + "01" + "000000000036ee80" + "00000003" + "0000000000000001" + "0000000000000002", // retry before its start
        "03" + body + "01" + "000000000036ee80" + "00000003" + "00000000003d5720" + "ffffffffffffffff", // negative write-off
        "03" + body + "02", // presence byte neither 0 nor 1
        "03" + body, // the tail missing
        "03" + body + STALL + "00", // a byte too many
        "04" + body + NO_STALL, // a version this firmware never wrote
        "01" + body)) {
      assertThatThrownBy(() -> StateCodec.decode(hex(bad), DrugLibrary.standard())).as(bad.substring(0, 2) + "..." + bad.substring(
          Math.max(0, bad.length() - 12))).isInstanceOf(CorruptDataException.class);
    }
    assertThat(StateCodec.decode(hex("03" + body + NO_STALL), DrugLibrary.standard())).isEqualTo(settings());
  }

  @Test
  void aStoredCodeNoTableKnowsIsCorruptData() {
    String payload = v2(RX);
    byte[] good = hex(payload);
    assertThat(StateCodec.decode(good, DrugLibrary.standard())).isEqualTo(settings());
    byte[] badMode = good.clone();
    badMode[1] = 7;
    assertThatThrownBy(() -> StateCodec.decode(badMode, DrugLibrary.standard())).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("Mode code 7");
    byte[] badReason = good.clone();
    badReason[2] = 12;
    assertThatThrownBy(() -> StateCodec.decode(badReason, DrugLibrary.standard())).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("AlarmKind code 12");
    byte[] badEtiology = good.clone();
    badEtiology[11] = 3;
    assertThatThrownBy(() -> StateCodec.decode(badEtiology, DrugLibrary.standard())).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("Etiology code 3");
  }
}
