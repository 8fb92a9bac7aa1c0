// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * Every range the wire format accepts, by name. These are protocol limits, chosen wide enough
 * for any drug and pump model: clinical and device limits are narrower and are checked by the
 * pump's firmware (DESIGN.md invariant 4), never here.
 */
public final class WireLimits {
  /** The protocol version this implementation speaks: 2, the signed hello (PROTOCOL.md 7). */
  public static final int PROTOCOL_VERSION = 2;
  /**
   * The oldest protocol version a pump accepts; raising it is how a weak version is retired.
   * Version 1 (unsigned hello: an outsider could hold the failure lockout on) is retired.
   */
  public static final int MIN_SUPPORTED_VERSION = 2;
  /** The first version whose hello carries a counter and the device's signature. */
  public static final int SIGNED_HELLO_VERSION = 2;
  /** The signed hello's counter: 1..2^63-1, strictly rising per device. */
  public static final long MAX_HELLO_COUNTER = Long.MAX_VALUE;

  /** Largest message body (plaintext); bounds every allocation in the decoders. */
  public static final int MAX_BODY_BYTES = 2_048;
  /** Frame header: version, type, session id, sequence number, body length. */
  public static final int HEADER_BYTES = 12;
  /** AES-GCM authentication tag. */
  public static final int TAG_BYTES = 16;
  /** Largest frame on any transport. */
  public static final int MAX_FRAME_BYTES = HEADER_BYTES + MAX_BODY_BYTES + TAG_BYTES;

  public static final int MAX_DEVICE_ID_CHARS = 32;
  public static final int MAX_DRUG_NAME_CHARS = 32;
  public static final int MAX_ERROR_FIELD_CHARS = 32;
  public static final int MAX_ERROR_DETAIL_CHARS = 160;
  public static final int MAX_EVENT_SOURCE_CHARS = 32;

  public static final int X25519_KEY_BYTES = 32;
  public static final int ED25519_SIGNATURE_BYTES = 64;
  public static final int CHECKSUM_BYTES = 8;

  /** 100 mL: above any reservoir. */
  public static final long MAX_VOLUME_NL = 100_000_000L;
  /** 100 mg/mL: above any intrathecal drug's concentration. */
  public static final long MAX_CONCENTRATION_NG_PER_ML = 100_000_000L;
  /** 100 mg/day: 50 times baclofen's hard maximum; the pump applies the drug's own limit. */
  public static final long MAX_DOSE_RATE_NG_PER_DAY = 100_000_000L;
  /** 10 mg in one bolus. */
  public static final long MAX_BOLUS_NG = 10_000_000L;
  /** 2 mL: above any pump tubing plus catheter dead space. */
  public static final long MAX_PRIMING_VOLUME_NL = 2_000_000L;
  /** 2 mL, as for priming: a bridge bolus clears the same dead space. */
  public static final long MAX_BRIDGE_VOLUME_NL = 2_000_000L;
  /** One day: the longest clinician, priming, scheduled or patient bolus. */
  public static final int MAX_BOLUS_MINUTES = 1_440;
  /** 14 days: a bridge at a very low old rate can take days (clinical.md 3.6). */
  public static final int MAX_BRIDGE_MINUTES = 20_160;
  /** 3 days: a deliberate stop always expires into a critical alarm (invariant 5). */
  public static final int MAX_STOP_MINUTES = 4_320;
  /** One day between patient boluses. */
  public static final int MAX_LOCKOUT_MINUTES = 1_440;
  public static final int MAX_LOCKOUT_SECONDS = MAX_LOCKOUT_MINUTES * 60;
  public static final int MINUTES_PER_DAY = 1_440;

  public static final int MAX_FLEX_STEPS = 48;
  public static final int MAX_SCHEDULED_BOLUSES = 24;
  public static final int MAX_PATIENT_BOLUSES_PER_DAY = 24;
  public static final int MAX_ALARMS = 16;
  public static final int MAX_ALARM_CODE = 0xFFFF;
  public static final int MAX_EVENT_CODE = 0xFFFF;
  public static final int MAX_EVENTS_PER_PAGE = 16;
  public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

  /** 2000-01-01T00:00Z, the earliest settable pump clock. */
  public static final long MIN_CLOCK_MILLIS = 946_684_800_000L;
  /** 2200-01-01T00:00Z, the latest time the wire carries. */
  public static final long MAX_TIME_MILLIS = 7_258_118_400_000L;
  /** ±14 h, the widest civil UTC offsets. */
  public static final int MAX_UTC_OFFSET_MINUTES = 840;
  /** A session lasts at most 18 h on the wire's 16-bit seconds field; pumps use far less. */
  public static final int MAX_SESSION_SECONDS = 0xFFFF;
  /** Longest lockout a refusal announces. */
  public static final long MAX_RETRY_AFTER_MILLIS = 0xFFFF_FFFFL;

  private WireLimits() {}
}
