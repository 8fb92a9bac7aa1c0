// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** The only requests a patient device can encode: its own status and a bolus within the clinician's allowance. */
public sealed interface PatientRequest extends Request permits PatientStatusRequest, PatientBolusRequest {}
