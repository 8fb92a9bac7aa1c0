// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.openitb.firmware.Mode;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.engine.BolusShape;
import org.openitb.firmware.engine.OneOffBolus;
import org.openitb.firmware.engine.RecentBolus;
import org.openitb.firmware.engine.StallTracker;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The stored form of {@link StoredState}, versioned; decoding refuses anything out of range.
 * Version 3 (written since issue 11 item 6) appends the stall episode to version 2 (which ended
 * with the UTC offset): a presence byte, then the episode's start (8), failed attempts (4), next
 * retry (8) and strokes written off (8). A version 2 copy still reads, as a pump not stalled.
 */
public final class StateCodec {
  /** 3: the stall episode after the UTC offset. */
  public static final int VERSION = 3;
  /** 2: the UTC offset at the end (read, never written). */
  public static final int VERSION_2 = 2;
  public static final int MAX_BOLUSES = 4;
  /** Clinician and priming boluses of the last 24 h kept (the limit programming enforces: TherapyLimits.MAX_ONE_OFF_BOLUSES_PER_DAY). */
  public static final int MAX_RECENT = 8;
  /** The widest civil UTC offsets, ±14 h (TherapyLimits.MAX_UTC_OFFSET_MINUTES). */
  public static final int MAX_UTC_OFFSET_MINUTES = 840;
  public static final int MAX_PATIENT_STARTS = PatientBolusAllowance.MAX_ACTIVATIONS_PER_DAY;
  public static final int MAX_BOOTS = 16;

  private StateCodec() {}

  public static void encode(ByteWriter w, StoredState s) {
    w.putByte(VERSION);
    w.putByte(StoredCodes.mode(s.mode()));
    w.putByte(s.safeReason() == null ? StoredCodes.NONE : StoredCodes.alarm(s.safeReason()));
    w.putLong(s.clockOffsetMillis());
    w.putByte(s.etiology() == null ? StoredCodes.NONE : StoredCodes.etiology(s.etiology()));
    w.putLong(s.lowAlarmNl());
    w.putBoolean(s.drug() != null);
    if (s.drug() != null) {
      w.putString(s.drug().name());
    }
    concentration(w, s.reservoirConcentration());
    concentration(w, s.tubingConcentration());
    w.putBoolean(s.bridgePending()).putLong(s.beliefNl());
    prescription(w, s.running());
    prescription(w, s.afterBridge());
    w.putLong(s.bridgeStrokesRemaining()).putLong(s.stopExpiresAt());
    w.putByte(s.boluses().size());
    for (OneOffBolus b : s.boluses()) {
      w.putByte(StoredCodes.bolusKind(b.kind())).putLong(b.startRtc()).putLong(b.shape().totalUnits()).putLong(b.shape().durationMillis());
      w.putLong(b.dose().nanograms()).putLong(b.volume().nanolitres());
    }
    longs(w, s.patientBolusStarts());
    w.putByte(s.recentOneOffs().size());
    for (RecentBolus r : s.recentOneOffs()) {
      w.putLong(r.startRtc()).putLong(r.units());
    }
    w.putLong(s.latchedAlarms()).putBoolean(s.interrogationRequired()).putLong(s.eriAt()).putLong(s.eosAt());
    w.putLong(s.strokesDelivered()).putLong(s.strokesWrittenOff()).putLong(s.failedAttempts());
    w.putLong(s.checkpointAt()).putLong(s.engineOwed()).putLong(s.monitorBudget()).putLong(s.expectedRotations());
    w.putLong(s.lastLogNumber());
    longs(w, s.bootTimes());
    w.putInt(s.utcOffsetMinutes());
    StallTracker.Episode stall = s.stall();
    w.putBoolean(stall != null);
    if (stall != null) {
      w.putLong(stall.since()).putInt(stall.failedAttempts()).putLong(stall.retryAt()).putLong(stall.writtenOff());
    }
  }

  public static StoredState decode(byte[] bytes, DrugLibrary library) {
    ByteReader r = new ByteReader(bytes, 0, bytes.length);
    try {
      int version = r.getByte();
      if (version != VERSION && version != VERSION_2) {
        throw new CorruptDataException("settings version");
      }
      Mode mode = r.getCode(Mode.class, StoredCodes::mode);
      AlarmKind safeReason = optional(r, AlarmKind.class, StoredCodes::alarm);
      long clockOffset = r.getLong();
      Etiology etiology = optional(r, Etiology.class, StoredCodes::etiology);
      long lowAlarm = r.getLong();
      Drug drug = r.getBoolean() ? library.drug(r.getString()) : null;
      Concentration reservoirConcentration = concentration(r);
      Concentration tubingConcentration = concentration(r);
      boolean bridgePending = r.getBoolean();
      long belief = r.getLong();
      Prescription running = prescription(r, library);
      Prescription afterBridge = prescription(r, library);
      long bridgeStrokes = r.getLong();
      long stopExpiresAt = r.getLong();
      int n = r.getCount(MAX_BOLUSES);
      List<OneOffBolus> boluses = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        BolusKind kind = r.getCode(BolusKind.class, StoredCodes::bolusKind);
        long start = r.getLong();
        BolusShape shape = new BolusShape(r.getLong(), r.getLong());
        boluses.add(new OneOffBolus(kind, start, shape, new Mass(r.getLong()), new Volume(r.getLong())));
      }
      List<Long> patientStarts = longs(r, MAX_PATIENT_STARTS);
      n = r.getCount(MAX_RECENT);
      List<RecentBolus> recent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        recent.add(new RecentBolus(r.getLong(), r.getLong()));
      }
      StoredState s = new StoredState(
          mode, safeReason, clockOffset, etiology, lowAlarm, drug, reservoirConcentration, tubingConcentration, bridgePending,
          belief, running, afterBridge, bridgeStrokes, stopExpiresAt, boluses, patientStarts, recent,
          r.getLong(), r.getBoolean(), r.getLong(), r.getLong(), r.getLong(), r.getLong(), r.getLong(),
          r.getLong(), r.getLong(), r.getLong(), r.getLong(), r.getLong(), longs(r, MAX_BOOTS), utcOffset(r),
          version == VERSION_2 ? null : stall(r));
      r.expectEnd();
      return s;
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException("settings do not validate", e);
    }
  }

  private static StallTracker.Episode stall(ByteReader r) {
    return r.getBoolean() ? new StallTracker.Episode(r.getLong(), r.getInt(), r.getLong(), r.getLong()) : null;
  }

  private static int utcOffset(ByteReader r) {
    int m = r.getInt();
    if (Math.abs(m) > MAX_UTC_OFFSET_MINUTES) {
      throw new CorruptDataException("utc offset " + m);
    }
    return m;
  }

  private static void concentration(ByteWriter w, Concentration c) {
    w.putLong(c == null ? 0 : c.nanogramsPerMillilitre());
  }

  private static Concentration concentration(ByteReader r) {
    long v = r.getLong();
    return v == 0 ? null : new Concentration(v);
  }

  private static void prescription(ByteWriter w, Prescription p) {
    w.putBoolean(p != null);
    if (p != null) {
      PrescriptionCodec.write(w, p);
    }
  }

  private static Prescription prescription(ByteReader r, DrugLibrary library) {
    return r.getBoolean() ? PrescriptionCodec.read(r, library) : null;
  }

  private static void longs(ByteWriter w, List<Long> values) {
    w.putByte(values.size());
    for (long v : values) {
      w.putLong(v);
    }
  }

  private static List<Long> longs(ByteReader r, int max) {
    int n = r.getCount(max);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(r.getLong());
    }
    return out;
  }

  private static <E extends Enum<E>> E optional(ByteReader r, Class<E> type, ToIntFunction<E> code) {
    int i = r.getByte();
    return i == StoredCodes.NONE ? null : StoredCodes.decode(type, code, i);
  }
}
