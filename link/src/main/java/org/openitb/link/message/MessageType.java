// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.openitb.link.Role;

/**
 * Every message type with its metadata, the pumpX2 way: one-byte wire code, record class,
 * direction, whether its frame is encrypted, whether it changes delivery and which session roles
 * may send it. Codes are grouped by purpose and never reused.
 */
public enum MessageType {
  SESSION_HELLO(0x01, SessionHello.class, Direction.TO_PUMP, false, false),
  SESSION_CHALLENGE(0x02, SessionChallenge.class, Direction.FROM_PUMP, false, false),
  SESSION_RESPONSE(0x03, SessionResponse.class, Direction.TO_PUMP, false, false),
  SESSION_ACCEPT(0x04, SessionAccept.class, Direction.FROM_PUMP, true, false),
  SESSION_REFUSED(0x05, SessionRefused.class, Direction.FROM_PUMP, false, false),
  SESSION_CLOSE(0x06, SessionClose.class, Direction.TO_PUMP, true, false, Role.CLINICIAN, Role.PATIENT, Role.READ_ONLY),

  STATUS_REQUEST(0x10, StatusRequest.class, Direction.TO_PUMP, true, false, Role.CLINICIAN, Role.READ_ONLY),
  STATUS_REPORT(0x11, StatusReport.class, Direction.FROM_PUMP, true, false),
  THERAPY_READ(0x12, TherapyRead.class, Direction.TO_PUMP, true, false, Role.CLINICIAN, Role.READ_ONLY),
  THERAPY_REPORT(0x13, TherapyReport.class, Direction.FROM_PUMP, true, false),
  EVENTS_SINCE(0x14, EventsSince.class, Direction.TO_PUMP, true, false, Role.CLINICIAN, Role.READ_ONLY),
  EVENTS_PAGE(0x15, EventsPage.class, Direction.FROM_PUMP, true, false),

  PROPOSE_THERAPY(0x20, ProposeTherapy.class, Direction.TO_PUMP, true, false, Role.CLINICIAN),
  THERAPY_PREVIEW(0x21, TherapyPreview.class, Direction.FROM_PUMP, true, false),
  COMMIT_THERAPY(0x22, CommitTherapy.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  COMMIT_ACK(0x23, CommitAck.class, Direction.FROM_PUMP, true, false),

  CLINICIAN_BOLUS(0x30, ClinicianBolus.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  PRIMING_BOLUS(0x31, PrimingBolus.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  BRIDGE_BOLUS(0x32, BridgeBolus.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  REFILL(0x33, Refill.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  SET_CLOCK(0x34, SetClock.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  STOP_DELIVERY(0x35, StopDelivery.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  RESUME_DELIVERY(0x36, ResumeDelivery.class, Direction.TO_PUMP, true, true, Role.CLINICIAN),
  CLEAR_ALARMS(0x37, ClearAlarms.class, Direction.TO_PUMP, true, false, Role.CLINICIAN),
  ALARM_TEST(0x38, AlarmTest.class, Direction.TO_PUMP, true, false, Role.CLINICIAN),
  COMMAND_ACK(0x3F, CommandAck.class, Direction.FROM_PUMP, true, false),

  PATIENT_STATUS_REQUEST(0x40, PatientStatusRequest.class, Direction.TO_PUMP, true, false, Role.PATIENT, Role.CLINICIAN, Role.READ_ONLY),
  PATIENT_STATUS_REPORT(0x41, PatientStatusReport.class, Direction.FROM_PUMP, true, false),
  PATIENT_BOLUS_REQUEST(0x42, PatientBolusRequest.class, Direction.TO_PUMP, true, true, Role.PATIENT),
  PATIENT_BOLUS_REPLY(0x43, PatientBolusReply.class, Direction.FROM_PUMP, true, false),

  ERROR_REPLY(0x7F, ErrorReply.class, Direction.FROM_PUMP, true, false);

  private final int code;
  private final Class<? extends Message> messageClass;
  private final Direction direction;
  private final boolean sealed;
  private final boolean changesDelivery;
  @SuppressWarnings("ImmutableEnumChecker") // Set.copyOf/Set.of: unmodifiable, never exposed mutable
  private final Set<Role> allowedRoles;

  MessageType(int code, Class<? extends Message> messageClass, Direction direction, boolean sealed, boolean changesDelivery, Role... roles) {
    this.code = code;
    this.messageClass = messageClass;
    this.direction = direction;
    this.sealed = sealed;
    this.changesDelivery = changesDelivery;
    this.allowedRoles = roles.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(roles[0], roles));
  }

  /** The one-byte code in the frame header. */
  public int code() {
    return code;
  }

  public Class<? extends Message> messageClass() {
    return messageClass;
  }

  public Direction direction() {
    return direction;
  }

  /** True when the frame is encrypted and authenticated with the session keys; false for the clear handshake frames. */
  public boolean sealed() {
    return sealed;
  }

  /** True when accepting the message can change what the pump delivers (therapy, boluses, reservoir, clock, stop). */
  public boolean changesDelivery() {
    return changesDelivery;
  }

  /** True for the clinician's delivery changes, which only an armed session can encode. */
  public boolean needsArming() {
    return DeliveryChange.class.isAssignableFrom(messageClass);
  }

  /** The session roles the pump accepts this message from; empty for replies and handshake messages. */
  public Set<Role> allowedRoles() {
    return allowedRoles;
  }

  public boolean allows(Role role) {
    return allowedRoles.contains(role);
  }

  /** The reply the pump sends when it accepts this request (it may always send {@link #ERROR_REPLY} instead). */
  public Optional<MessageType> reply() {
    return Optional.ofNullable(
        switch (this) {
          case SESSION_HELLO -> SESSION_CHALLENGE;
          case SESSION_RESPONSE -> SESSION_ACCEPT;
          case STATUS_REQUEST -> STATUS_REPORT;
          case THERAPY_READ -> THERAPY_REPORT;
          case EVENTS_SINCE -> EVENTS_PAGE;
          case PROPOSE_THERAPY -> THERAPY_PREVIEW;
          case COMMIT_THERAPY -> COMMIT_ACK;
          case CLINICIAN_BOLUS, PRIMING_BOLUS, BRIDGE_BOLUS, REFILL, SET_CLOCK, STOP_DELIVERY, RESUME_DELIVERY,
              CLEAR_ALARMS, ALARM_TEST -> COMMAND_ACK;
          case PATIENT_STATUS_REQUEST -> PATIENT_STATUS_REPORT;
          case PATIENT_BOLUS_REQUEST -> PATIENT_BOLUS_REPLY;
          default -> null;
        });
  }

  public static Optional<MessageType> fromCode(int code) {
    for (MessageType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
