// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.telemetry;

import java.util.Objects;
import org.openitb.firmware.Origin;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.security.TrustedDevice;

/**
 * What a pump is given at manufacture (or, in simulation, derives from a seed) to talk over the
 * telemetry link: its own identity (serial number and Ed25519 key pair) and the devices it trusts,
 * each for one role. The firmware treats it as read-only memory: the same provisioning is handed
 * to every firmware instance across resets.
 *
 * <p>Every trusted device id must fit the event log's {@link Origin#MAX_DEVICE_ID_LENGTH} characters,
 * because every command a device sends is logged with its exact id (never truncated).
 */
public record TelemetryProvisioning(PumpCredential identity, TrustList trust) {
  public TelemetryProvisioning {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(trust, "trust");
    for (TrustedDevice d : trust.devices()) {
      if (d.deviceId().length() > Origin.MAX_DEVICE_ID_LENGTH) {
        throw new IllegalArgumentException("trusted device id '" + d.deviceId() + "' has " + d.deviceId().length()
            + " characters; the pump's event log stores at most " + Origin.MAX_DEVICE_ID_LENGTH);
      }
    }
  }
}
