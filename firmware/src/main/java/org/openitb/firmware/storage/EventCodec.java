// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.openitb.firmware.CommandResult;
import org.openitb.firmware.Origin;
import org.openitb.firmware.PumpEvent.AlarmCleared;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.AlarmTested;
import org.openitb.firmware.PumpEvent.BasalKind;
import org.openitb.firmware.PumpEvent.BolusEnded;
import org.openitb.firmware.PumpEvent.BolusStarted;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.Booted;
import org.openitb.firmware.PumpEvent.ClockSet;
import org.openitb.firmware.PumpEvent.CommandRefused;
import org.openitb.firmware.PumpEvent.DeliveryWrittenOff;
import org.openitb.firmware.PumpEvent.EndOfService;
import org.openitb.firmware.PumpEvent.EndReason;
import org.openitb.firmware.PumpEvent.EriReason;
import org.openitb.firmware.PumpEvent.Interrogated;
import org.openitb.firmware.PumpEvent.MagnetField;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.firmware.PumpEvent.ReplacementIndicator;
import org.openitb.firmware.PumpEvent.ReservoirEmpty;
import org.openitb.firmware.PumpEvent.RunawayDetected;
import org.openitb.firmware.PumpEvent.SafeStateEntered;
import org.openitb.firmware.PumpEvent.SettingsCopyCorrupted;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.PumpEvent.StallRecovered;
import org.openitb.firmware.PumpEvent.StallStarted;
import org.openitb.firmware.PumpEvent.StopExpired;
import org.openitb.firmware.PumpEvent.StrokesDelivered;
import org.openitb.firmware.PumpEvent.TherapyProgrammed;
import org.openitb.firmware.PumpEvent.TherapyResumed;
import org.openitb.firmware.PumpEvent.TherapyStopped;
import org.openitb.firmware.PumpEvent.Unreadable;
import org.openitb.firmware.PumpEvent;
import org.openitb.firmware.Role;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.hal.Tone;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** The stored form of each {@link PumpEvent}: a type byte and a payload of at most {@link #MAX_PAYLOAD} bytes. */
public final class EventCodec {
  static final int MAX_PAYLOAD = 74;

  private EventCodec() {}

  /** Writes {@code event}'s payload and returns its type code. */
  public static int encode(PumpEvent event, ByteWriter w) {
    return switch (event) {
      case Booted e -> {
        w.putByte(StoredCodes.bootKind(e.boot())).putByte(StoredCodes.settingsSource(e.settings())).putLong(e.strokesRecovered()).putInt(e.resetsInLastDay());
        yield 1;
      }
      case StrokesDelivered e -> {
        w.putLong(e.strokes()).putLong(e.volume().nanolitres()).putLong(e.totalStrokes());
        yield 2;
      }
      case AlarmRaised e -> {
        w.putByte(StoredCodes.alarm(e.alarm())).putByte(StoredCodes.tone(e.tone()));
        yield 3;
      }
      case AlarmCleared e -> {
        w.putByte(StoredCodes.alarm(e.alarm()));
        yield 4;
      }
      case AlarmTested e -> {
        origin(w, e.origin());
        yield 5;
      }
      case TherapyProgrammed e -> {
        origin(w, e.origin());
        w.putByte(StoredCodes.basalKind(e.basal())).putLong(e.dailyDose().nanograms()).putLong(e.concentration().nanogramsPerMillilitre());
        w.putLong(e.lowReservoirAlarm().nanolitres()).putInt(e.prescriptionChecksum());
        yield 6;
      }
      case Refilled e -> {
        origin(w, e.origin());
        w.putLong(e.believedBefore().nanolitres()).putBoolean(e.withdrawn().isPresent());
        w.putLong(e.withdrawn().map(Volume::nanolitres).orElse(0L)).putLong(e.newVolume().nanolitres());
        w.putLong(e.concentration().nanogramsPerMillilitre()).putBoolean(e.discrepancy());
        yield 7;
      }
      case BolusStarted e -> {
        origin(w, e.origin());
        w.putByte(StoredCodes.bolusKind(e.kind())).putLong(e.dose().nanograms()).putLong(e.volume().nanolitres()).putLong(e.duration().toMillis());
        yield 8;
      }
      case BolusEnded e -> {
        w.putByte(StoredCodes.bolusKind(e.kind())).putBoolean(e.completed());
        yield 9;
      }
      case CommandRefused e -> {
        origin(w, e.origin());
        w.putString(e.command()).putByte(StoredCodes.refusal(e.code()));
        yield 10;
      }
      case StallStarted e -> 11;
      case StallRecovered e -> {
        w.putLong(e.stalled().toMillis()).putLong(e.strokesWrittenOff());
        yield 12;
      }
      case RunawayDetected e -> {
        w.putLong(e.uncommandedRotations());
        yield 13;
      }
      case SafeStateEntered e -> {
        w.putByte(StoredCodes.alarm(e.reason()));
        yield 14;
      }
      case SettingsCopyCorrupted e -> {
        w.putByte(e.copy());
        yield 15;
      }
      case ClockSet e -> {
        origin(w, e.origin());
        w.putLong(millis(e.before())).putLong(millis(e.after()));
        yield 16;
      }
      case TherapyStopped e -> {
        origin(w, e.origin());
        w.putLong(e.expiry().toMillis());
        yield 17;
      }
      case TherapyResumed e -> {
        origin(w, e.origin());
        yield 18;
      }
      case StopExpired e -> 19;
      case MagnetField e -> {
        w.putBoolean(e.present());
        yield 20;
      }
      case Interrogated e -> {
        origin(w, e.origin());
        yield 21;
      }
      case ReplacementIndicator e -> {
        w.putByte(StoredCodes.eriReason(e.reason())).putLong(e.endOfServiceAtRtc());
        yield 22;
      }
      case EndOfService e -> {
        w.putByte(StoredCodes.endReason(e.reason()));
        yield 23;
      }
      case DeliveryWrittenOff e -> {
        w.putLong(e.strokes());
        yield 24;
      }
      case ReservoirEmpty e -> {
        w.putLong(e.believed().nanolitres());
        yield 25;
      }
      case PumpEvent.TelemetryFrame e -> {
        w.putByte(StoredCodes.verdict(e.verdict())).putByte(e.messageType()).putBoolean(e.authenticated()).putString(e.deviceId());
        yield 26;
      }
      case PumpEvent.TelemetryFramesSuppressed e -> {
        w.putLong(e.count());
        yield 27;
      }
      case Unreadable e -> throw new IllegalArgumentException("an unreadable entry is never written");
    };
  }

  public static PumpEvent decode(int type, ByteReader r) {
    PumpEvent event =
        switch (type) {
          case 1 -> new Booted(r.getCode(BootKind.class, StoredCodes::bootKind), r.getCode(SettingsSource.class, StoredCodes::settingsSource), r.getLong(), r.getInt());
          case 2 -> new StrokesDelivered(r.getLong(), new Volume(r.getLong()), r.getLong());
          case 3 -> new AlarmRaised(alarm(r), r.getCode(Tone.class, StoredCodes::tone));
          case 4 -> new AlarmCleared(alarm(r));
          case 5 -> new AlarmTested(origin(r));
          case 6 -> new TherapyProgrammed(
              origin(r), r.getCode(BasalKind.class, StoredCodes::basalKind), new Mass(r.getLong()), new Concentration(r.getLong()),
              new Volume(r.getLong()), r.getInt());
          case 7 -> {
            Origin o = origin(r);
            Volume before = new Volume(r.getLong());
            boolean hasWithdrawn = r.getBoolean();
            Volume withdrawn = new Volume(r.getLong());
            yield new Refilled(
                o, before, hasWithdrawn ? Optional.of(withdrawn) : Optional.empty(), new Volume(r.getLong()),
                new Concentration(r.getLong()), r.getBoolean());
          }
          case 8 -> new BolusStarted(
              origin(r), r.getCode(BolusKind.class, StoredCodes::bolusKind), new Mass(r.getLong()), new Volume(r.getLong()), Duration.ofMillis(r.getLong()));
          case 9 -> new BolusEnded(r.getCode(BolusKind.class, StoredCodes::bolusKind), r.getBoolean());
          case 10 -> new CommandRefused(origin(r), r.getString(), r.getCode(CommandResult.Code.class, StoredCodes::refusal));
          case 11 -> new StallStarted();
          case 12 -> new StallRecovered(Duration.ofMillis(r.getLong()), r.getLong());
          case 13 -> new RunawayDetected(r.getLong());
          case 14 -> new SafeStateEntered(alarm(r));
          case 15 -> new SettingsCopyCorrupted((char) r.getByte());
          case 16 -> new ClockSet(origin(r), localTime(r.getLong()), localTime(r.getLong()));
          case 17 -> new TherapyStopped(origin(r), Duration.ofMillis(r.getLong()));
          case 18 -> new TherapyResumed(origin(r));
          case 19 -> new StopExpired();
          case 20 -> new MagnetField(r.getBoolean());
          case 21 -> new Interrogated(origin(r));
          case 22 -> new ReplacementIndicator(r.getCode(EriReason.class, StoredCodes::eriReason), r.getLong());
          case 23 -> new EndOfService(r.getCode(EndReason.class, StoredCodes::endReason));
          case 24 -> new DeliveryWrittenOff(r.getLong());
          case 25 -> new ReservoirEmpty(new Volume(r.getLong()));
          case 26 -> new PumpEvent.TelemetryFrame(
              r.getCode(org.openitb.link.session.FrameVerdict.class, StoredCodes::verdict), r.getByte(), r.getBoolean(), r.getString());
          case 27 -> new PumpEvent.TelemetryFramesSuppressed(r.getLong());
          default -> throw new CorruptDataException("event type " + type);
        };
    r.expectEnd();
    return event;
  }

  private static AlarmKind alarm(ByteReader r) {
    return r.getCode(AlarmKind.class, StoredCodes::alarm);
  }

  private static void origin(ByteWriter w, Origin o) {
    w.putByte(StoredCodes.role(o.role())).putString(o.deviceId());
  }

  private static Origin origin(ByteReader r) {
    try {
      return new Origin(r.getCode(Role.class, StoredCodes::role), r.getString());
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException("origin", e);
    }
  }

  public static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  public static LocalDateTime localTime(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
