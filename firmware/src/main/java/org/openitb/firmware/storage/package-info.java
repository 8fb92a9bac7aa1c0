// SPDX-License-Identifier: Apache-2.0
/**
 * Everything the pump keeps in non-volatile memory: the A/B checksummed settings copies
 * ({@link org.openitb.firmware.storage.SettingsStore}), the versioned stored state
 * ({@link org.openitb.firmware.storage.StateCodec}), the bounded checksummed event log
 * ({@link org.openitb.firmware.storage.EventLog}) and their byte-level codecs with explicit codes
 * ({@link org.openitb.firmware.storage.StoredCodes}; never {@code enum.ordinal()}). Every decoder
 * refuses out-of-range bytes with {@link org.openitb.firmware.storage.CorruptDataException}.
 * Public only for the firmware's core and its telemetry (which puts stored codes on the wire).
 */
package org.openitb.firmware.storage;
