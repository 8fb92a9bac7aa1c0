// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.time.Duration;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.BridgeBolus;
import org.openitb.link.message.ClinicianBolus;
import org.openitb.link.message.CommandAck;
import org.openitb.link.message.CommitAck;
import org.openitb.link.message.CommitTherapy;
import org.openitb.link.message.DeliveryChange;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.PrimingBolus;
import org.openitb.link.message.Refill;
import org.openitb.link.message.Reply;
import org.openitb.link.message.ResumeDelivery;
import org.openitb.link.message.SetClock;
import org.openitb.link.message.StopDelivery;
import org.openitb.link.message.TherapyPreview;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The only type that can encode a delivery change, obtained from {@link ProgrammerSession#arm()}
 * and good for exactly one change: a second call throws {@link SafetyGateException} and sends
 * nothing. A {@link LinkTimeoutException} from any method means the outcome is uncertain until
 * the pump is interrogated.
 */
public final class ArmedSession {
  private final ClientChannel channel;
  private boolean used;

  ArmedSession(ClientChannel channel) {
    this.channel = channel;
  }

  /** Commits the previewed therapy by its checksum; the pump commits exactly that therapy or nothing. */
  public CommitAck commit(TherapyPreview preview) {
    if (!MessageCodec.checksum(preview.proposed()).equals(preview.checksum())) {
      throw new SafetyGateException(MessageType.COMMIT_THERAPY, "the preview's checksum does not match its therapy");
    }
    return send(new CommitTherapy(preview.checksum()), CommitAck.class);
  }

  /**
   * Commits the previewed therapy with a second clinician's co-signature over the transition from
   * the preview's current therapy to its proposal (link/PROTOCOL.md 8.10).
   */
  public CommitAck commit(TherapyPreview preview, org.openitb.link.message.CoSignature coSignature) {
    if (!MessageCodec.checksum(preview.proposed()).equals(preview.checksum())) {
      throw new SafetyGateException(MessageType.COMMIT_THERAPY, "the preview's checksum does not match its therapy");
    }
    return send(new CommitTherapy(preview.checksum(), java.util.Optional.of(coSignature)), CommitAck.class);
  }

  public CommandAck clinicianBolus(Mass dose, Duration duration) {
    return send(new ClinicianBolus(dose, duration), CommandAck.class);
  }

  public CommandAck primingBolus(Volume volume, Duration duration) {
    return send(new PrimingBolus(volume, duration), CommandAck.class);
  }

  public CommandAck bridgeBolus(Volume volume, Duration duration) {
    return send(new BridgeBolus(volume, duration), CommandAck.class);
  }

  public CommandAck refill(Volume reservoirVolume, Drug drug, Concentration concentration, Volume withdrawnVolume) {
    return send(new Refill(reservoirVolume, drug, concentration, withdrawnVolume), CommandAck.class);
  }

  /**
   * A refill co-signed by a second clinician's credential (a change of drug or concentration; the
   * pump's device model says whether it needs one): the co-signature covers this exact command in
   * this frame of this session (PROTOCOL.md 8.10).
   */
  public CommandAck refill(Volume reservoirVolume, Drug drug, Concentration concentration, Volume withdrawnVolume,
      org.openitb.link.security.DeviceCredential coSigner) {
    return send(coSigned(new Refill(reservoirVolume, drug, concentration, withdrawnVolume), coSigner), CommandAck.class);
  }

  public CommandAck setClock(long timeMillis, int utcOffsetMinutes) {
    return send(new SetClock(timeMillis, utcOffsetMinutes), CommandAck.class);
  }

  /** A deliberate stop that expires into a critical alarm after {@code expiry}. */
  public CommandAck stop(Duration expiry) {
    return send(new StopDelivery(expiry), CommandAck.class);
  }

  /** A stop co-signed by a second clinician's credential (a stop longer than the pump lets one clinician make, PROTOCOL.md 8.10). */
  public CommandAck stop(Duration expiry, org.openitb.link.security.DeviceCredential coSigner) {
    return send(coSigned(new StopDelivery(expiry), coSigner), CommandAck.class);
  }

  /**
   * {@code change} with {@code coSigner}'s signature over the pump serial, this session's
   * transcript hash, the sequence number the frame will carry, its type and its body.
   */
  private DeliveryChange coSigned(org.openitb.link.message.CoSignable change, org.openitb.link.security.DeviceCredential coSigner) {
    byte[] signed = org.openitb.link.message.CoSignature.commandSignedBytes(
        channel.pumpSerial, channel.transcriptHash, channel.nextSequence(), change.type(),
        MessageCodec.encode(change.withoutCoSignature().asDeliveryChange()));
    return change.withCoSignature(new org.openitb.link.message.CoSignature(coSigner.deviceId(), coSigner.sign(signed))).asDeliveryChange();
  }

  public CommandAck resume() {
    return send(new ResumeDelivery(), CommandAck.class);
  }

  /** Sends any delivery change and returns the pump's reply. */
  public Reply send(DeliveryChange change) {
    return send(change, Reply.class);
  }

  /** True once this arming has been spent. */
  public boolean used() {
    return used;
  }

  private <R extends Reply> R send(DeliveryChange change, Class<R> expected) {
    if (used) {
      throw new SafetyGateException(change.type(), "this arming was already used; arm again for another delivery change");
    }
    used = true; // spent even if the exchange fails: a retry is a new, deliberate decision
    return channel.exchange(change, true, expected);
  }
}
