// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.fixtures.Rig;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.message.WireLimits;
import org.openitb.link.session.PatientSession;
import org.openitb.link.session.ProgrammerSession;
import org.openitb.therapy.units.Mass;

/** A virtual pump served on loopback TCP, as {@code itb pump serve} will run it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpTransportTest {
  final Rig rig = new Rig();

  @Test
  void aFullSessionRunsOverLoopbackTcpWithTheSameRoundTripsAsInMemory() {
    try (TcpPumpServer server = TcpPumpServer.start(rig.endpoint, 0);
        TcpTransport tcp = TcpTransport.connect(server.port())) {
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(tcp);
      session.status();
      session.therapy();
      session.eventsSince(0, 16);
      assertThat(session.stats().roundTrips()).isEqualTo(2 + 3);
      TherapyPreview preview = session.propose(Fixtures.raisedTherapy());
      session.arm().commit(preview);
      session.close();
    }
    assertThat(rig.pump.therapy()).contains(Fixtures.raisedTherapy());

    try (TcpPumpServer server = TcpPumpServer.start(rig.endpoint, 0);
        TcpTransport tcp = TcpTransport.connect(server.port())) {
      PatientSession patient = rig.device(rig.patient).openPatientSession(tcp);
      assertThat(patient.requestBolus(Mass.ofMicrograms(25)).granted()).isFalse(); // the raised therapy has no patient allowance
    }
  }

  @Test
  void aSilentPumpMakesReceiveReturnEmptyInsteadOfHanging() {
    try (TcpPumpServer server = TcpPumpServer.start(frame -> Optional.empty(), 0);
        TcpTransport tcp = TcpTransport.connect(server.port(), Duration.ofMillis(50))) {
      tcp.send(new byte[] {1, 2, 3});
      assertThat(tcp.receive()).isEmpty();
    }
  }

  @Test
  void anOversizedFrameIsRefusedOnBothSidesAndTheServerKeepsServing() throws Exception {
    try (TcpPumpServer server = TcpPumpServer.start(frame -> Optional.of(frame), 0)) {
      try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        raw.setSoTimeout(5_000);
        DataOutputStream out = new DataOutputStream(raw.getOutputStream());
        out.writeShort(0xFFFF); // announces 65535 bytes: refused before any allocation
        out.flush();
        assertThat(raw.getInputStream().read()).isEqualTo(-1); // the server hung up
      }
      try (TcpTransport tcp = TcpTransport.connect(server.port())) {
        assertThatThrownBy(() -> tcp.send(new byte[WireLimits.MAX_FRAME_BYTES + 1])).isInstanceOf(TransportException.class);
        tcp.send(new byte[] {7, 7});
        assertThat(tcp.receive()).contains(new byte[] {7, 7});
      }
    }
  }

  @Test
  void connectingToNoServerFailsWithATransportException() {
    int port;
    try (TcpPumpServer server = TcpPumpServer.start(frame -> Optional.empty(), 0)) {
      port = server.port();
    }
    assertThatThrownBy(() -> TcpTransport.connect(port)).isInstanceOf(TransportException.class);
  }
}
