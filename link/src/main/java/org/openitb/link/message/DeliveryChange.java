// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * A clinician request that changes what the pump delivers. Only an armed clinician session can
 * encode one, and the pump accepts one only from a session whose trusted role is CLINICIAN.
 */
public sealed interface DeliveryChange extends Request
    permits CommitTherapy, ClinicianBolus, PrimingBolus, BridgeBolus, Refill, SetClock, StopDelivery, ResumeDelivery {}
