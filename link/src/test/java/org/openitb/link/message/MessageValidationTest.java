// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** Constructor validation: a message outside the named wire limits cannot be built, and the refusal names the field. */
class MessageValidationTest {
  @Test
  void quantitiesOutsideTheirNamedLimitsAreRefusedWithTheFieldNamed() {
    assertRefused(() -> new ClinicianBolus(Mass.ofNanograms(WireLimits.MAX_BOLUS_NG + 1), Duration.ofMinutes(1)), "dose ng");
    assertRefused(() -> new ClinicianBolus(Mass.ZERO, Duration.ofMinutes(1)), "dose ng");
    assertRefused(() -> new ClinicianBolus(Mass.ofMicrograms(50), Duration.ofSeconds(90)), "duration");
    assertRefused(() -> new ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(WireLimits.MAX_BOLUS_MINUTES + 1)), "duration");
    assertRefused(() -> new PrimingBolus(Volume.ofNanolitres(WireLimits.MAX_PRIMING_VOLUME_NL + 1), Duration.ofMinutes(1)), "volume nL");
    assertRefused(() -> new BridgeBolus(Volume.ZERO, Duration.ofMinutes(1)), "volume nL");
    assertRefused(() -> new StopDelivery(Duration.ZERO), "expiry");
    assertRefused(() -> new StopDelivery(Duration.ofMinutes(WireLimits.MAX_STOP_MINUTES + 1)), "expiry");
    assertRefused(() -> new SetClock(WireLimits.MIN_CLOCK_MILLIS - 1, 0), "time ms");
    assertRefused(() -> new SetClock(Fixtures.T0, WireLimits.MAX_UTC_OFFSET_MINUTES + 1), "utc offset min");
    assertRefused(() -> new Refill(Volume.ofNanolitres(WireLimits.MAX_VOLUME_NL + 1), DrugLibrary.baclofen(),
        Concentration.ofMicrogramsPerMillilitre(500), Volume.ZERO), "reservoir volume nL");
    assertRefused(() -> new EventsSince(0, WireLimits.MAX_EVENTS_PER_PAGE + 1), "max events");
    assertRefused(() -> new ClearAlarms(List.of()), "alarm codes");
    assertRefused(() -> new SessionHello(1, 1, Role.CLINICIAN, "has space", new Octets(new byte[32])), "device id");
    assertRefused(() -> new SessionHello(1, 1, Role.CLINICIAN, "CP-1", new Octets(new byte[31])), "ephemeral key");
    assertRefused(() -> new TherapyChecksum(new Octets(new byte[7])), "checksum");
    assertRefused(() -> new CommandAck(MessageType.COMMIT_THERAPY, 1, 0), "request");
    assertRefused(() -> new PatientBolusReply(BolusRefusal.LOCKOUT, Mass.ofMicrograms(25), 1, 60, 0), "dose ng");
    assertRefused(() -> PatientBolusReply.refused(BolusRefusal.NONE, 1, 0), "refusal");
    assertRefused(() -> new EventsPage(List.of(new LogEvent(2, 0, 1, 0, ""), new LogEvent(2, 0, 1, 0, "")), 1, false), "event sequence");
  }

  @Test
  void aTherapyMustFitTheWire() {
    assertRefused(() -> new Therapy(Fixtures.simpleTherapy().prescription(), Volume.ofNanolitres(-1)), "low-reservoir alarm nL");
    Prescription secondsLockout = Fixtures.simpleTherapy().prescription()
        .withPatientBolus(new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofSeconds(3601), 4));
    assertRefused(() -> new Therapy(secondsLockout, Volume.ofMillilitres(2)), "patient bolus lockout");
    List<FlexStep> tooMany = new ArrayList<>();
    for (int i = 0; i <= WireLimits.MAX_FLEX_STEPS; i++) {
      tooMany.add(new FlexStep(LocalTime.of(0, 0).plusMinutes(i * 10L), DoseRate.ofMicrogramsPerDay(100)));
    }
    Prescription flex = new Prescription(DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(500), new FlexSchedule(tooMany), List.of(), Optional.empty());
    assertRefused(() -> new Therapy(flex, Volume.ofMillilitres(2)), "flex steps");
    Prescription secondsStart = Fixtures.simpleTherapy().prescription()
        .withScheduledBoluses(List.of(new ScheduledBolus(LocalTime.of(8, 0, 30), Mass.ofMicrograms(10), Duration.ofMinutes(5))));
    assertRefused(() -> new Therapy(secondsStart, Volume.ofMillilitres(2)), "scheduled bolus start");
  }

  @Test
  void anErrorReplyCanAlwaysBeBuiltFromAnyText() {
    ErrorReply e = ErrorReply.of(ErrorCode.INVALID_VALUE, "dose µg/day", "x".repeat(500) + "\n");
    assertThat(e.field()).isEqualTo("dose ?g/day");
    assertThat(e.detail()).hasSize(WireLimits.MAX_ERROR_DETAIL_CHARS);
    assertThat(ErrorReply.of(ErrorCode.INTERNAL, null, null)).isEqualTo(new ErrorReply(ErrorCode.INTERNAL, "", ""));
  }

  @Test
  void theLargestMessagesFitTheBodyLimit() {
    List<FlexStep> steps = new ArrayList<>();
    for (int i = 0; i < WireLimits.MAX_FLEX_STEPS; i++) {
      steps.add(new FlexStep(LocalTime.of(0, 0).plusMinutes(i * 30L), DoseRate.ofMicrogramsPerDay(100)));
    }
    List<ScheduledBolus> boluses = new ArrayList<>();
    for (int i = 0; i < WireLimits.MAX_SCHEDULED_BOLUSES; i++) {
      boluses.add(new ScheduledBolus(LocalTime.of(i, 0), Mass.ofMicrograms(10), Duration.ofMinutes(5)));
    }
    var longName = new org.openitb.therapy.drug.Drug("d".repeat(WireLimits.MAX_DRUG_NAME_CHARS), DrugLibrary.baclofen().stockedConcentrations(),
        DrugLibrary.baclofen().maxConcentration(), DrugLibrary.baclofen().doseLimits(), DrugLibrary.baclofen().titration(), 180);
    Therapy largest = new Therapy(new Prescription(longName, Concentration.ofMicrogramsPerMillilitre(500), new FlexSchedule(steps), boluses,
        Optional.of(new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(3), 4))), Volume.ofMillilitres(2));
    TherapyPreview preview = new TherapyPreview(Optional.of(largest), largest, MessageCodec.checksum(largest));
    List<LogEvent> events = new ArrayList<>();
    for (int i = 1; i <= WireLimits.MAX_EVENTS_PER_PAGE; i++) {
      events.add(new LogEvent(i, 0, 1, Long.MIN_VALUE, "x".repeat(WireLimits.MAX_EVENT_SOURCE_CHARS)));
    }
    assertThat(MessageCodec.encode(preview)).hasSizeLessThanOrEqualTo(WireLimits.MAX_BODY_BYTES).hasSize(1077);
    assertThat(MessageCodec.encode(new EventsPage(events, 1, true))).hasSize(886);
  }

  @Test
  void metadataMatchesTheSealedGroups() {
    for (MessageType t : MessageType.values()) {
      boolean isRequest = Request.class.isAssignableFrom(t.messageClass());
      assertThat(!t.allowedRoles().isEmpty()).as("%s roles", t).isEqualTo(isRequest || t == MessageType.SESSION_CLOSE);
      assertThat(t.reply().isPresent()).as("%s reply", t).isEqualTo(isRequest || t == MessageType.SESSION_HELLO || t == MessageType.SESSION_RESPONSE);
      assertThat(t.needsArming()).as("%s arming", t).isEqualTo(DeliveryChange.class.isAssignableFrom(t.messageClass()));
      assertThat(t.direction() == Direction.FROM_PUMP).isEqualTo(Reply.class.isAssignableFrom(t.messageClass())
          || t == MessageType.SESSION_CHALLENGE || t == MessageType.SESSION_ACCEPT || t == MessageType.SESSION_REFUSED);
    }
    assertThat(MessageType.PATIENT_BOLUS_REQUEST.changesDelivery()).isTrue();
    assertThat(MessageType.PATIENT_BOLUS_REQUEST.allowedRoles()).containsExactly(Role.PATIENT);
    assertThat(MessageType.PROPOSE_THERAPY.changesDelivery()).isFalse();
  }

  private static void assertRefused(Runnable construction, String field) {
    assertThatThrownBy(construction::run).isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
