// SPDX-License-Identifier: Apache-2.0
/**
 * The simulated physical pump behind the firmware's HAL: the truth the firmware can only sense
 * (DESIGN.md 3, "belief vs truth"). {@link org.openitb.hardware.SimulatedPump} assembles one pump
 * of a {@link org.openitb.therapy.device.PumpModel}: motor and rotor with a seeded
 * delivery-accuracy model, stall in a magnetic field and wear; the true reservoir and the fluid
 * path to the catheter tip; a battery cell with a discharge curve; NV memory; radio; buzzer;
 * magnet sensor; RTC; watchdog. Every fault of safety.md 5.3 with a physical cause is a {@link
 * org.openitb.hardware.Fault} injectable at a chosen virtual instant. A {@link
 * org.openitb.hardware.PhysicalListener} reports what physically happens (every stroke's true
 * volume and drug mass into the patient, stalls, tones, resets, faults).
 *
 * <p>All quantities are integers (nanolitres, nanograms, nanoampere-hours, parts per million);
 * time is a virtual clock in milliseconds that only the simulator moves. The firmware is handed a
 * {@link org.openitb.firmware.hal.Hal} and created through a factory; this module never depends on
 * the firmware's implementation.
 */
package org.openitb.hardware;
