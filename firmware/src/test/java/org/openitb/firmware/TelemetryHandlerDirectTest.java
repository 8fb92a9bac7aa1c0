// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.telemetry.TelemetryHandler;
import org.openitb.firmware.telemetry.TelemetryProvisioning;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.ClinicianBolus;
import org.openitb.link.message.CoSignature;
import org.openitb.link.message.CommandAck;
import org.openitb.link.message.CommitAck;
import org.openitb.link.message.CommitTherapy;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.message.EventsPage;
import org.openitb.link.message.EventsSince;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Octets;
import org.openitb.link.message.PatientBolusReply;
import org.openitb.link.message.PatientBolusRequest;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.message.PatientStatusRequest;
import org.openitb.link.message.PrimingBolus;
import org.openitb.link.message.ProposeTherapy;
import org.openitb.link.message.Refill;
import org.openitb.link.message.Reply;
import org.openitb.link.message.Request;
import org.openitb.link.message.ResumeDelivery;
import org.openitb.link.message.SetClock;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.StatusRequest;
import org.openitb.link.message.StopDelivery;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyChecksum;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.message.WireLimits;
import org.openitb.link.session.FrameReport;
import org.openitb.link.session.FrameVerdict;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.session.PumpEndpoint;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The telemetry handler called directly, as the link endpoint calls it after authentication: the
 * hourly log budget for frame entries at its exact edges, when a proposal is dropped, the pump's
 * own two-person rule on a commit and on a clinician's emergency stop, and the exact values of
 * replies whose edges the session-level {@link TelemetryHandlerTest} does not reach.
 */
class TelemetryHandlerDirectTest {
  private static final PatientBolusAllowance ALLOWANCE =
      new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(2), 4);
  private static final Prescription RX = TestPump.simple(300).withPatientBolus(ALLOWANCE);
  private static final Volume LOW_ALARM = Volume.ofMillilitres(2);
  private static final Origin CP1 = Origin.clinician("CP-1");

  private final TestPump pump = new TestPump().running(RX);
  /** The bytes each co-signature check was asked to verify. */
  private final List<byte[]> verified = new ArrayList<>();
  private boolean verifies;
  private final TelemetryHandler handler = new TelemetryHandler(new TelemetryPort(pump.fw), DrugLibrary.standard(), (id, data, sig) -> {
    verified.add(data);
    return verifies;
  });

  /** As the firmware's radio interrupt runs the handler: service what is due (the time is read then), handle, arm the next wake. */
  private Reply handle(Request q, Role role, String device) {
    PumpRuntime r = pump.fw.runtime();
    r.service();
    try {
      return handler.handle(q, role, device);
    } finally {
      r.armNextWake();
    }
  }

  private void onFrame(FrameReport report) {
    PumpRuntime r = pump.fw.runtime();
    r.service();
    handler.onFrame(report);
    r.armNextWake();
  }

  /** As a wake runs it: serviced first. */
  private void tick() {
    PumpRuntime r = pump.fw.runtime();
    r.service();
    handler.tick();
    r.armNextWake();
  }

  private static FrameReport frame(String device, boolean authenticated, FrameVerdict verdict, MessageType type) {
    return new FrameReport(0, device, authenticated, Optional.ofNullable(type), verdict, "");
  }

  private long framesLogged(String device) {
    return pump.all(PumpEvent.TelemetryFrame.class).stream().filter(f -> f.deviceId().equals(device)).count();
  }

  private List<Long> suppressedCounts() {
    return pump.all(PumpEvent.TelemetryFramesSuppressed.class).stream().map(PumpEvent.TelemetryFramesSuppressed::count).toList();
  }

  private static Therapy therapy(long mcgPerDay) {
    return new Therapy(TestPump.simple(mcgPerDay).withPatientBolus(ALLOWANCE), LOW_ALARM);
  }

  private TherapyChecksum propose(Therapy t, String device) {
    Reply r = handle(new ProposeTherapy(t), Role.CLINICIAN, device);
    assertThat(r).isInstanceOf(TherapyPreview.class);
    return ((TherapyPreview) r).checksum();
  }

  private Reply commit(TherapyChecksum checksum, String device, Optional<CoSignature> coSignature) {
    return handle(new CommitTherapy(checksum, coSignature), Role.CLINICIAN, device);
  }

  private static ErrorReply error(Reply r) {
    assertThat(r).isInstanceOf(ErrorReply.class);
    return (ErrorReply) r;
  }

  // ---- the hourly log budget

  @Test
  void unauthenticatedFramesShareSixteenEntriesAnHourAndTheRestAreCountedOnceTheHourEnds() {
    pump.runUntil(5 * HOUR);
    long start = pump.now();
    for (int i = 0; i < 18; i++) {
      onFrame(frame("X", false, FrameVerdict.BAD_SIGNATURE, null));
    }
    assertThat(framesLogged("X")).isEqualTo(16);
    assertThat(suppressedCounts()).isEmpty();
    pump.runUntil(start + HOUR - 1);
    tick();
    assertThat(suppressedCounts()).isEmpty();
    pump.runUntil(start + HOUR);
    long before = pump.lastEvent();
    tick(); // the hour is over: the two frames not logged are counted in one entry
    assertThat(pump.eventsAfter(before)).containsExactly(new PumpEvent.TelemetryFramesSuppressed(2));
    // the next hour starts with its own budget
    onFrame(frame("X", false, FrameVerdict.BAD_SIGNATURE, null));
    assertThat(framesLogged("X")).isEqualTo(17);
    // an hour that suppressed nothing ends without a count, at a tick or at the next frame
    pump.runUntil(start + 3 * HOUR);
    tick();
    onFrame(frame("X", false, FrameVerdict.BAD_SIGNATURE, null));
    assertThat(suppressedCounts()).containsExactly(2L);
    assertThat(framesLogged("X")).isEqualTo(18);
  }

  @Test
  void aFrameAfterTheHourClosesItsCountBeforeItIsLogged() {
    pump.runUntil(2 * HOUR);
    long start = pump.now();
    for (int i = 0; i < 17; i++) {
      onFrame(frame("X", false, FrameVerdict.MALFORMED, null));
    }
    pump.runUntil(start + HOUR);
    long before = pump.lastEvent();
    onFrame(frame("Y", false, FrameVerdict.MALFORMED, null));
    assertThat(pump.eventsAfter(before)).containsExactly(new PumpEvent.TelemetryFramesSuppressed(1),
        new PumpEvent.TelemetryFrame(FrameVerdict.MALFORMED, 0, false, "Y"));
  }

  @Test
  void eachAuthenticatedDeviceHasItsOwnSixtyFourEntriesAnHour() {
    pump.runUntil(5 * HOUR);
    long start = pump.now();
    for (int i = 0; i < 66; i++) {
      onFrame(frame("CP-1", true, FrameVerdict.ACCEPTED, MessageType.STATUS_REQUEST));
    }
    for (int i = 0; i < 3; i++) {
      onFrame(frame("PTM-7", true, FrameVerdict.ACCEPTED, MessageType.PATIENT_STATUS_REQUEST));
    }
    assertThat(framesLogged("CP-1")).isEqualTo(64);
    assertThat(framesLogged("PTM-7")).isEqualTo(3);
    assertThat(pump.all(PumpEvent.TelemetryFrame.class).get(0))
        .isEqualTo(new PumpEvent.TelemetryFrame(FrameVerdict.ACCEPTED, MessageType.STATUS_REQUEST.code(), true, "CP-1"));
    pump.runUntil(start + HOUR);
    tick();
    assertThat(suppressedCounts()).containsExactly(2L);
    onFrame(frame("CP-1", true, FrameVerdict.ACCEPTED, MessageType.STATUS_REQUEST));
    assertThat(framesLogged("CP-1")).isEqualTo(65);
  }

  // ---- when a proposal is dropped

  @Test
  void onlyTheProposersOwnSessionEndingOrRestartingDropsItsProposal() {
    TherapyChecksum p = propose(therapy(330), "CP-1");
    onFrame(frame("RO-1", true, FrameVerdict.SESSION_CLOSED, null)); // another device's session
    onFrame(frame("CP-1", true, FrameVerdict.ACCEPTED, MessageType.STATUS_REQUEST)); // the proposer's next request
    assertThat(commit(p, "CP-1", Optional.empty())).isInstanceOf(CommitAck.class);
    for (FrameVerdict end : List.of(FrameVerdict.SESSION_CLOSED, FrameVerdict.SESSION_SUPERSEDED, FrameVerdict.STALE_SESSION)) {
      TherapyChecksum q = propose(therapy(320), "CP-1");
      onFrame(frame("CP-1", true, end, null));
      assertThat(error(commit(q, "CP-1", Optional.empty())).code()).as(end.name()).isEqualTo(ErrorCode.NO_PROPOSAL);
    }
    TherapyChecksum q = propose(therapy(320), "CP-1");
    onFrame(frame("CP-1", true, FrameVerdict.ACCEPTED, MessageType.SESSION_RESPONSE)); // a new session of the proposer
    assertThat(error(commit(q, "CP-1", Optional.empty())).code()).isEqualTo(ErrorCode.NO_PROPOSAL);
    assertThat(pump.status().prescription()).contains(therapy(330).prescription());
  }

  @Test
  void anotherCliniciansRequestDropsTheProposalAndAPatientsOrReadersDoesNot() {
    TherapyChecksum p = propose(therapy(330), "CP-1");
    assertThat(handle(new StatusRequest(), Role.CLINICIAN, "CP-2")).isInstanceOf(StatusReport.class);
    assertThat(error(commit(p, "CP-1", Optional.empty())).code()).isEqualTo(ErrorCode.NO_PROPOSAL);
    p = propose(therapy(330), "CP-1");
    assertThat(handle(new PatientStatusRequest(), Role.PATIENT, "PTM-7")).isInstanceOf(PatientStatusReport.class);
    assertThat(handle(new StatusRequest(), Role.READ_ONLY, "RO-1")).isInstanceOf(StatusReport.class);
    assertThat(commit(p, "CP-1", Optional.empty())).isInstanceOf(CommitAck.class);
  }

  @Test
  void aProposalLivesForOneSessionLifetime() {
    pump.runUntil(10 * HOUR);
    TherapyChecksum p = propose(therapy(330), "CP-1");
    pump.runUntil(10 * HOUR + PumpEndpoint.SESSION_LIFETIME_MILLIS - 1);
    assertThat(commit(p, "CP-1", Optional.empty())).isInstanceOf(CommitAck.class);
    long at = pump.now();
    TherapyChecksum q = propose(therapy(320), "CP-1");
    pump.runUntil(at + PumpEndpoint.SESSION_LIFETIME_MILLIS);
    assertThat(error(commit(q, "CP-1", Optional.empty())).code()).isEqualTo(ErrorCode.NO_PROPOSAL);
  }

  @Test
  void aDeviceIdLongerThanTheLogStoresIsRefused() {
    assertThat(handle(new StatusRequest(), Role.READ_ONLY, "R".repeat(Origin.MAX_DEVICE_ID_LENGTH))).isInstanceOf(StatusReport.class);
    assertThat(error(handle(new StatusRequest(), Role.READ_ONLY, "R".repeat(Origin.MAX_DEVICE_ID_LENGTH + 1))))
        .isEqualTo(new ErrorReply(ErrorCode.NOT_PERMITTED, "device id", "17 characters; the pump logs ids of at most 16"));
  }

  // ---- the pump's two-person rule

  @Test
  void aCommitTheModelMarksNeedsAValidCoSignatureByAnotherClinician() {
    Therapy up = therapy(400); // +33 %: above the widest titration step the pump commits alone
    TherapyChecksum running = MessageCodec.checksum(new Therapy(RX, LOW_ALARM));
    CoSignature bySecond = new CoSignature("CP-2", new Octets(new byte[WireLimits.ED25519_SIGNATURE_BYTES]));

    long before = pump.lastEvent();
    ErrorReply missing = error(commit(propose(up, "CP-1"), "CP-1", Optional.empty()));
    assertThat(missing.code()).isEqualTo(ErrorCode.SECOND_PERSON_REQUIRED);
    assertThat(missing.field()).isEqualTo("co-signature");
    assertThat(missing.detail()).startsWith("missing: ");
    assertThat(pump.eventsAfter(before)).containsExactly(new PumpEvent.CommandRefused(CP1, "ProgramTherapy", CommandResult.Code.NOT_AUTHORISED));

    ErrorReply self = error(commit(propose(up, "CP-1"), "CP-1", Optional.of(new CoSignature("CP-1", bySecond.signature()))));
    assertThat(self).isEqualTo(new ErrorReply(ErrorCode.SECOND_PERSON_REQUIRED, "co-signer",
        "got CP-1, the committing device itself; allowed: another trusted clinician credential"));

    verifies = false;
    TherapyChecksum proposed = propose(up, "CP-1");
    ErrorReply bad = error(commit(proposed, "CP-1", Optional.of(bySecond)));
    assertThat(bad).isEqualTo(new ErrorReply(ErrorCode.SECOND_PERSON_REQUIRED, "co-signature",
        "does not verify for clinician credential CP-2 over this pump, running and proposed therapy"));
    assertThat(verified).hasSize(1);
    assertThat(verified.get(0)).isEqualTo(CoSignature.signedBytes(TestPump.SERIAL, running, proposed));
    assertThat(pump.all(PumpEvent.CommandRefused.class)).hasSize(3);
    assertThat(pump.status().prescription()).contains(RX);

    verifies = true;
    long beforeCommit = pump.lastEvent();
    Reply ok = commit(propose(up, "CP-1"), "CP-1", Optional.of(bySecond));
    assertThat(ok).isInstanceOf(CommitAck.class);
    long programmed = pump.events.stream().filter(e -> e.number() > beforeCommit && e.event() instanceof PumpEvent.TherapyProgrammed)
        .findFirst().orElseThrow().number();
    assertThat(((CommitAck) ok).eventSequence()).isEqualTo(programmed);
    assertThat(((CommitAck) ok).checksum()).isEqualTo(MessageCodec.checksum(up));
    assertThat(pump.status().prescription()).contains(up.prescription());
  }

  @Test
  void oneClinicianMayStopAloneOnceInTwentyFourHours() {
    pump.runUntil(HOUR);
    // a stop the firmware refuses does not use the single clinician's stop
    assertThat(error(handle(new StopDelivery(Duration.ofHours(49), Optional.empty()), Role.CLINICIAN, "CP-1")).field())
        .isEqualTo("expiry");
    long first = pump.now();
    assertThat(handle(new StopDelivery(Duration.ofHours(12), Optional.empty()), Role.CLINICIAN, "CP-1"))
        .isInstanceOf(CommandAck.class);
    assertThat(handle(new ResumeDelivery(), Role.CLINICIAN, "CP-1")).isInstanceOf(CommandAck.class);
    pump.runUntil(first + DAY - 1);
    long before = pump.lastEvent();
    ErrorReply again = error(handle(new StopDelivery(Duration.ofHours(12), Optional.empty()), Role.CLINICIAN, "CP-2"));
    assertThat(again.code()).isEqualTo(ErrorCode.SECOND_PERSON_REQUIRED);
    assertThat(again.field()).isEqualTo("co-signature");
    assertThat(pump.eventsAfter(before)).containsExactly(
        new PumpEvent.CommandRefused(Origin.clinician("CP-2"), "Stop", CommandResult.Code.NOT_AUTHORISED));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    pump.runUntil(first + DAY);
    assertThat(handle(new StopDelivery(Duration.ofHours(12), Optional.empty()), Role.CLINICIAN, "CP-2"))
        .isInstanceOf(CommandAck.class);
    assertThat(pump.status().mode()).isEqualTo(Mode.STOPPED);
  }

  // ---- exact replies at their edges

  @Test
  void aPageHoldingEveryRemainingEntryHasNoMore() {
    long last = pump.lastEvent();
    EventsPage exact = (EventsPage) handle(new EventsSince(last - 3, 3), Role.READ_ONLY, "RO-1");
    assertThat(exact.events()).hasSize(3);
    assertThat(exact.more()).isFalse();
    EventsPage shorter = (EventsPage) handle(new EventsSince(last - 3, 2), Role.READ_ONLY, "RO-1");
    assertThat(shorter.events()).hasSize(2);
    assertThat(shorter.more()).isTrue();
  }

  @Test
  void setClockKeepsTheMillisecondsOfTheTimeSent() {
    long t = EventCodec.millis(TestPump.START) + DAY + 1_500;
    assertThat(handle(new SetClock(t, 120), Role.CLINICIAN, "CP-1")).isInstanceOf(CommandAck.class);
    assertThat(pump.status().localTime()).isEqualTo(TestPump.START.plusDays(1).plusHours(2).plusSeconds(1).plusNanos(500_000_000));
  }

  @Test
  void aPatientBolusCountsAgainstTheDayForExactlyTwentyFourHours() {
    pump.runUntil(HOUR);
    long at = pump.now();
    PatientBolusReply granted = (PatientBolusReply) handle(new PatientBolusRequest(ALLOWANCE.dose()), Role.PATIENT, "PTM-7");
    assertThat(granted.dosesLeftToday()).isEqualTo(3);
    pump.runUntil(at + DAY - 1);
    assertThat(((PatientStatusReport) handle(new PatientStatusRequest(), Role.PATIENT, "PTM-7")).dosesLeftToday()).isEqualTo(3);
    pump.runUntil(at + DAY);
    assertThat(((PatientStatusReport) handle(new PatientStatusRequest(), Role.PATIENT, "PTM-7")).dosesLeftToday()).isEqualTo(4);
  }

  // ---- which log entry an acknowledgement names

  /**
   * Sends {@code q} ten minutes on (strokes delivered meanwhile are logged first; a refill ends a running bolus after it is
   * logged); its ack must name the entry {@code recordedBy} accepts.
   */
  private void acknowledgedWithItsOwnEntry(Request q, Predicate<PumpEvent> recordedBy) {
    pump.runFor(10 * TestPump.MINUTE);
    long before = pump.lastEvent();
    Reply r = handle(q, Role.CLINICIAN, "CP-1");
    List<LogEntry> after = pump.events.stream().filter(e -> e.number() > before).toList();
    // more than the command's own entry: an ack naming the first or the newest entry would differ
    assertThat(after).as(q.type().name()).hasSizeGreaterThan(1);
    long own = after.stream().filter(e -> recordedBy.test(e.event())).findFirst().orElseThrow().number();
    long acknowledged = r instanceof CommitAck c ? c.eventSequence() : ((CommandAck) r).eventSequence();
    assertThat(acknowledged).as(q.type().name()).isEqualTo(own);
  }

  @Test
  void anAcknowledgementNamesTheCommandsOwnEntryNotTheStrokesLoggedJustBeforeIt() {
    acknowledgedWithItsOwnEntry(new SetClock(EventCodec.millis(TestPump.START) + HOUR, 0), e -> e instanceof PumpEvent.ClockSet);
    acknowledgedWithItsOwnEntry(new ClinicianBolus(Mass.ofMicrograms(20), Duration.ofMinutes(10)), e -> e instanceof PumpEvent.BolusStarted);
    pump.runFor(HOUR); // the clinician bolus is over
    acknowledgedWithItsOwnEntry(new PrimingBolus(Volume.ofMicrolitres(100), Duration.ofMinutes(30)), e -> e instanceof PumpEvent.BolusStarted);
    acknowledgedWithItsOwnEntry(new Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, TestPump.C500, Volume.ofMillilitres(1)),
        e -> e instanceof PumpEvent.Refilled);
    TherapyChecksum p = propose(therapy(330), "CP-1");
    acknowledgedWithItsOwnEntry(new CommitTherapy(p, Optional.empty()), e -> e instanceof PumpEvent.TherapyProgrammed);
    acknowledgedWithItsOwnEntry(new StopDelivery(Duration.ofHours(1), Optional.empty()), e -> e instanceof PumpEvent.TherapyStopped);
  }

  @Test
  void aRefillThatChangesTheConcentrationNeedsASecondPerson() {
    long before = pump.lastEvent();
    ErrorReply r = error(handle(new Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, Concentration.ofMicrogramsPerMillilitre(1000),
        Volume.ofMillilitres(1)), Role.CLINICIAN, "CP-1"));
    assertThat(r.code()).isEqualTo(ErrorCode.SECOND_PERSON_REQUIRED);
    assertThat(r.field()).isEqualTo("co-signature");
    assertThat(r.detail()).startsWith("missing: ");
    assertThat(pump.eventsAfter(before)).containsExactly(new PumpEvent.CommandRefused(CP1, "Refill", CommandResult.Code.NOT_AUTHORISED));
    assertThat(pump.status().concentration()).contains(TestPump.C500);
  }

  @Test
  void aTrustedDeviceIdHasAtMostTheSixteenCharactersTheLogStores() {
    PumpCredential identity = PumpCredential.generate(TestPump.SERIAL, TestPump.seeded(1));
    DeviceCredential sixteen = DeviceCredential.generate("D".repeat(16), Role.CLINICIAN, TestPump.seeded(2));
    assertThat(new TelemetryProvisioning(identity, TrustList.of(sixteen.trusted())).trust().devices()).hasSize(1);
    DeviceCredential seventeen = DeviceCredential.generate("D".repeat(17), Role.CLINICIAN, TestPump.seeded(3));
    assertThatThrownBy(() -> new TelemetryProvisioning(identity, TrustList.of(sixteen.trusted(), seventeen.trusted())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trusted device id '" + "D".repeat(17) + "' has 17 characters; the pump's event log stores at most 16");
  }
}
