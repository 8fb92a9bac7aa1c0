// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.util.Optional;
import org.openitb.link.message.*;

/**
 * Writes message bodies. The switch is exhaustive over the sealed {@link Message} hierarchy, so a
 * new message cannot be added without its encoding. Layouts are PROTOCOL.md's field tables.
 */
final class MessageEncoder {
  private MessageEncoder() {}

  static byte[] encode(Message message) {
    BodyWriter w = new BodyWriter();
    switch (message) {
      case SessionHello m -> {
        w.u8(m.minVersion()).u8(m.maxVersion()).u8(m.role().code()).str(m.deviceId()).bytes(m.ephemeralKey());
        if (SessionHello.signed(m.maxVersion())) {
          w.i64(m.counter()).bytes(m.signature());
        }
      }
      case SessionChallenge m -> w.u8(m.version()).str(m.pumpSerial()).bytes(m.ephemeralKey()).bytes(m.signature());
      case SessionResponse m -> w.bytes(m.signature());
      case SessionAccept m -> w.u8(m.role().code()).u16(m.lifetimeSeconds()).u16(m.idleTimeoutSeconds()).i64(m.pumpTimeMillis());
      case SessionRefused m -> w.u8(m.reason().code()).u32(m.retryAfterMillis());
      case SessionClose m -> { }
      case StatusRequest m -> { }
      case StatusReport m -> {
        w.i64(m.pumpTimeMillis()).i16(m.utcOffsetMinutes()).u32(m.reservoir().nanolitres()).u8(m.delivery().code())
            .i64(m.stopExpiresAtMillis()).u32(m.currentRate().nanogramsPerDay()).u8(m.battery().code()).u8(m.batteryPercent())
            .u8(Flags.of(m.interrogationRequired(), m.bolusActive()));
        w.u8(m.activeAlarms().size());
        m.activeAlarms().forEach(w::u16);
        w.u32(m.lastEventSequence()).bytes(m.therapyChecksum().value());
      }
      case TherapyRead m -> { }
      case TherapyReport m -> {
        optionalTherapy(w, m.therapy());
        w.bytes(m.checksum().value());
      }
      case EventsSince m -> w.u32(m.afterSequence()).u8(m.maxEvents());
      case EventsPage m -> {
        w.u32(m.oldestAvailable()).bool(m.more()).u8(m.events().size());
        for (LogEvent e : m.events()) {
          w.u32(e.sequence()).i64(e.timeMillis()).u16(e.code()).i64(e.value()).str(e.source());
        }
      }
      case ProposeTherapy m -> TherapyCodec.encode(w, m.therapy());
      case TherapyPreview m -> {
        optionalTherapy(w, m.current());
        TherapyCodec.encode(w, m.proposed());
        w.bytes(m.checksum().value());
      }
      case CommitTherapy m -> {
        w.bytes(m.checksum().value());
        m.coSignature().ifPresent(c -> w.str(c.cosignerId()).bytes(c.signature()));
      }
      case CommitAck m -> w.bytes(m.checksum().value()).u32(m.eventSequence()).i64(m.pumpTimeMillis());
      case ClinicianBolus m -> w.u32(m.dose().nanograms()).u16((int) m.duration().toMinutes());
      case PrimingBolus m -> w.u32(m.volume().nanolitres()).u16((int) m.duration().toMinutes());
      case BridgeBolus m -> w.u32(m.volume().nanolitres()).u16((int) m.duration().toMinutes());
      case Refill m -> {
        w.u32(m.reservoirVolume().nanolitres()).str(m.drug().name()).u32(m.concentration().nanogramsPerMillilitre())
            .u32(m.withdrawnVolume().nanolitres());
        m.coSignature().ifPresent(c -> w.str(c.cosignerId()).bytes(c.signature()));
      }
      case SetClock m -> w.i64(m.timeMillis()).i16(m.utcOffsetMinutes());
      case StopDelivery m -> {
        w.u16((int) m.expiry().toMinutes());
        m.coSignature().ifPresent(c -> w.str(c.cosignerId()).bytes(c.signature()));
      }
      case ResumeDelivery m -> { }
      case ClearAlarms m -> {
        w.u8(m.alarmCodes().size());
        m.alarmCodes().forEach(w::u16);
      }
      case AlarmTest m -> { }
      case CommandAck m -> w.u8(m.request().code()).u32(m.eventSequence()).i64(m.pumpTimeMillis());
      case PatientStatusRequest m -> { }
      case PatientStatusReport m -> w.i64(m.pumpTimeMillis())
          .u8(Flags.of(m.bolusPrescribed(), m.bolusActive(), m.alarmActive(), m.reservoirLow()))
          .u32(m.bolusDose().nanograms()).u8(m.dosesLeftToday()).u32(m.lockoutRemainingSeconds());
      case PatientBolusRequest m -> w.u32(m.expectedDose().nanograms());
      case PatientBolusReply m -> w.u8(m.refusal().code()).u32(m.dose().nanograms()).u8(m.dosesLeftToday())
          .u32(m.lockoutRemainingSeconds()).u32(m.eventSequence());
      case ErrorReply m -> w.u8(m.code().code()).str(m.field()).str(m.detail());
    }
    return w.toBytes();
  }

  private static void optionalTherapy(BodyWriter w, Optional<Therapy> therapy) {
    w.bool(therapy.isPresent());
    therapy.ifPresent(t -> TherapyCodec.encode(w, t));
  }
}
