// SPDX-License-Identifier: Apache-2.0
/**
 * The implanted pump's firmware. {@link org.openitb.firmware.Firmware} is the entry point: it is
 * given its {@link org.openitb.firmware.hal.Hal} at construction, boots on {@link
 * org.openitb.firmware.Firmware#onReset()}, runs only inside the {@link
 * org.openitb.firmware.hal.Interrupts} and {@link org.openitb.firmware.Firmware#handle}, and
 * reports through {@link org.openitb.firmware.FirmwareListener}, {@link
 * org.openitb.firmware.Firmware#eventsSince(long)} and {@link org.openitb.firmware.Firmware#status()}.
 *
 * <h2>Parts</h2>
 *
 * This package is the public face (the facade, its commands, results, events, log entries and
 * status: the vocabulary every part speaks) and the core that runs the parts ({@code PumpRuntime},
 * {@code Boot}, {@code CommandProcessor}, {@code TherapyLimits}). The parts, by what they are in
 * the real pump: {@code engine} (dose engine, safety monitor, reservoir belief, stalls), {@code
 * alarms}, {@code power} (ERI, end of service), {@code storage} (settings copies, event log, codecs),
 * {@code telemetry} (link requests, through its {@code PumpPort}), {@code hal}. No part reaches
 * into the core (cli's ArchitectureTest).
 *
 * <h2>Parameters</h2>
 *
 * Values the reference leaves open are named constants here; each says why it was chosen.
 *
 * <table>
 *   <caption>Firmware parameters</caption>
 *   <tr><th>What</th><th>Value</th><th>Where</th></tr>
 *   <tr><td>Longest sleep (watchdog kick, runaway check)</td><td>10 min</td><td>PumpRuntime.MAX_SLEEP</td></tr>
 *   <tr><td>Checkpoint, stroke batch in the log, battery sample</td><td>1 h</td><td>PumpRuntime.CHECKPOINT_INTERVAL</td></tr>
 *   <tr><td>Settings scrub (re-read and repair both copies)</td><td>1 day</td><td>PumpRuntime.SCRUB_INTERVAL</td></tr>
 *   <tr><td>Boots in 24 h before RESET_LOOP (critical, therapy continues)</td><td>5</td><td>PumpRuntime.MAX_BOOTS_PER_DAY</td></tr>
 *   <tr><td>Stall retries</td><td>1, 2, 4, 8, then every 15 min</td><td>engine.StallTracker</td></tr>
 *   <tr><td>Stall alarm (critical)</td><td>3rd failed attempt</td><td>engine.StallTracker.ALARM_AFTER_FAILED_ATTEMPTS</td></tr>
 *   <tr><td>ERI: projected battery life at the 7-day consumption</td><td>180 days</td><td>power.PowerMonitor.ERI_PROJECTED_LIFE_DAYS</td></tr>
 *   <tr><td>ERI: charge floor</td><td>3 % of capacity</td><td>power.PowerMonitor.ERI_CHARGE_FLOOR_PERCENT</td></tr>
 *   <tr><td>ERI: age</td><td>service life - 90 days</td><td>power.PowerMonitor</td></tr>
 *   <tr><td>EOS</td><td>ERI + 90 days, service life, or charge at 1 %</td><td>power.PowerMonitor</td></tr>
 *   <tr><td>Service life</td><td>model's years x 365 days</td><td>power.PowerMonitor.lifeMillis</td></tr>
 *   <tr><td>Empty stop (belief)</td><td>half the lowest settable low-reservoir alarm (0.5 mL)</td><td>engine.ReservoirLedger</td></tr>
 *   <tr><td>Longest deliberate stop</td><td>48 h</td><td>TherapyLimits.MAX_STOP</td></tr>
 *   <tr><td>Priming/bridge volume</td><td>pump tubing + 400 µL</td><td>TherapyLimits.CATHETER_ALLOWANCE</td></tr>
 *   <tr><td>Scheduled boluses stored</td><td>8</td><td>TherapyLimits.MAX_SCHEDULED_BOLUSES</td></tr>
 *   <tr><td>Clinician and priming boluses per 24 h</td><td>8</td><td>TherapyLimits.MAX_ONE_OFF_BOLUSES_PER_DAY</td></tr>
 *   <tr><td>Settings copies</td><td>2 x 2 KiB at the start of NV memory</td><td>storage.SettingsStore</td></tr>
 *   <tr><td>Event log</td><td>96-byte slots, rest of NV memory</td><td>storage.EventLog</td></tr>
 * </table>
 *
 * <h2>Delivery accounting</h2>
 *
 * All quantities are integers in {@link org.openitb.firmware.engine.DeliveryUnits} (1/432e6 ng), in which
 * a dose rate, a bolus and a stroke are all whole. The commanded volume never leads the ideal and
 * trails it by less than one stroke; a bolus, spread at whole units per millisecond, may differ
 * from a mathematically uniform one by at most duration/4 units (0.05 ng for a 24 h bolus).
 */
package org.openitb.firmware;
