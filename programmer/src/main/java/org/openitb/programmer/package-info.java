// SPDX-License-Identifier: Apache-2.0
/**
 * The clinician programmer and the patient's bolus device, built on the {@code link} sessions.
 *
 * <p>{@link org.openitb.programmer.PumpSession} is the one way to talk to a pump: every change is
 * checked by the {@link org.openitb.programmer.SafetyChain} before anything is sent, previewed old
 * beside new, committed by checksum and read back. Every change ends in an explicit
 * {@link org.openitb.programmer.Outcome}: confirmed, refused (nothing sent or nothing changed) or
 * uncertain (sent, not acknowledged; resolved by the next interrogation). Workflows (refill, dose
 * change, implant with priming, post-MRI check, end of session) are built on it, and every session
 * leaves a versioned {@link org.openitb.programmer.SessionRecord} for the clinic server.
 */
package org.openitb.programmer;
