package org.openitb.firmware;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
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
import org.openitb.firmware.hal.Tone;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** The stored form of each {@link PumpEvent}: a type byte and a payload of at most {@link #MAX_PAYLOAD} bytes. */
final class EventCodec {
  static final int MAX_PAYLOAD = 74;

  private EventCodec() {}

  /** Writes {@code event}'s payload and returns its type code. */
  static int encode(PumpEvent event, ByteWriter w) {
    return switch (event) {
      case Booted e -> {
        w.putByte(e.boot().ordinal()).putByte(e.settings().ordinal()).putLong(e.strokesRecovered()).putInt(e.resetsInLastDay());
        yield 1;
      }
      case StrokesDelivered e -> {
        w.putLong(e.strokes()).putLong(e.volume().nanolitres()).putLong(e.totalStrokes());
        yield 2;
      }
      case AlarmRaised e -> {
        w.putByte(e.alarm().ordinal()).putByte(e.tone().ordinal());
        yield 3;
      }
      case AlarmCleared e -> {
        w.putByte(e.alarm().ordinal());
        yield 4;
      }
      case AlarmTested e -> {
        origin(w, e.origin());
        yield 5;
      }
      case TherapyProgrammed e -> {
        origin(w, e.origin());
        w.putByte(e.basal().ordinal()).putLong(e.dailyDose().nanograms()).putLong(e.concentration().nanogramsPerMillilitre());
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
        w.putByte(e.kind().ordinal()).putLong(e.dose().nanograms()).putLong(e.volume().nanolitres()).putLong(e.duration().toMillis());
        yield 8;
      }
      case BolusEnded e -> {
        w.putByte(e.kind().ordinal()).putBoolean(e.completed());
        yield 9;
      }
      case CommandRefused e -> {
        origin(w, e.origin());
        w.putString(e.command()).putByte(e.code().ordinal());
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
        w.putByte(e.reason().ordinal());
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
        w.putByte(e.reason().ordinal()).putLong(e.endOfServiceAtRtc());
        yield 22;
      }
      case EndOfService e -> {
        w.putByte(e.reason().ordinal());
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
        w.putByte(e.verdict().ordinal()).putByte(e.messageType()).putBoolean(e.authenticated()).putString(e.deviceId());
        yield 26;
      }
      case PumpEvent.TelemetryFramesSuppressed e -> {
        w.putLong(e.count());
        yield 27;
      }
      case Unreadable e -> throw new IllegalArgumentException("an unreadable entry is never written");
    };
  }

  static PumpEvent decode(int type, ByteReader r) {
    PumpEvent event =
        switch (type) {
          case 1 -> new Booted(r.getEnum(BootKind.values()), r.getEnum(SettingsSource.values()), r.getLong(), r.getInt());
          case 2 -> new StrokesDelivered(r.getLong(), new Volume(r.getLong()), r.getLong());
          case 3 -> new AlarmRaised(r.getEnum(AlarmKind.values()), r.getEnum(Tone.values()));
          case 4 -> new AlarmCleared(r.getEnum(AlarmKind.values()));
          case 5 -> new AlarmTested(origin(r));
          case 6 -> new TherapyProgrammed(
              origin(r), r.getEnum(BasalKind.values()), new Mass(r.getLong()), new Concentration(r.getLong()),
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
              origin(r), r.getEnum(BolusKind.values()), new Mass(r.getLong()), new Volume(r.getLong()), Duration.ofMillis(r.getLong()));
          case 9 -> new BolusEnded(r.getEnum(BolusKind.values()), r.getBoolean());
          case 10 -> new CommandRefused(origin(r), r.getString(), r.getEnum(CommandResult.Code.values()));
          case 11 -> new StallStarted();
          case 12 -> new StallRecovered(Duration.ofMillis(r.getLong()), r.getLong());
          case 13 -> new RunawayDetected(r.getLong());
          case 14 -> new SafeStateEntered(r.getEnum(AlarmKind.values()));
          case 15 -> new SettingsCopyCorrupted((char) r.getByte());
          case 16 -> new ClockSet(origin(r), localTime(r.getLong()), localTime(r.getLong()));
          case 17 -> new TherapyStopped(origin(r), Duration.ofMillis(r.getLong()));
          case 18 -> new TherapyResumed(origin(r));
          case 19 -> new StopExpired();
          case 20 -> new MagnetField(r.getBoolean());
          case 21 -> new Interrogated(origin(r));
          case 22 -> new ReplacementIndicator(r.getEnum(EriReason.values()), r.getLong());
          case 23 -> new EndOfService(r.getEnum(EndReason.values()));
          case 24 -> new DeliveryWrittenOff(r.getLong());
          case 25 -> new ReservoirEmpty(new Volume(r.getLong()));
          case 26 -> new PumpEvent.TelemetryFrame(
              r.getEnum(org.openitb.link.session.FrameVerdict.values()), r.getByte(), r.getBoolean(), r.getString());
          case 27 -> new PumpEvent.TelemetryFramesSuppressed(r.getLong());
          default -> throw new CorruptDataException("event type " + type);
        };
    r.expectEnd();
    return event;
  }

  private static void origin(ByteWriter w, Origin o) {
    w.putByte(o.role().ordinal()).putString(o.deviceId());
  }

  private static Origin origin(ByteReader r) {
    try {
      return new Origin(r.getEnum(Role.values()), r.getString());
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException("origin", e);
    }
  }

  static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  static LocalDateTime localTime(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
