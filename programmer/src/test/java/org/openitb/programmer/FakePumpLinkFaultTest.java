// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openitb.link.message.MessageType;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.FrameFault;
import org.openitb.link.transport.Transport;
import org.openitb.programmer.fake.DropFrames;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.prescription.Prescription;

/** {@link LinkFaultContract} on the test fake ({@code fake.FakePump}). */
class FakePumpLinkFaultTest extends LinkFaultContract {
  @Override
  Bench bench() {
    Rig rig = new Rig();
    return new Bench() {
      @Override
      public DropFrames faults() {
        return rig.faults;
      }

      @Override
      public PumpSession.Builder sessionBuilder() {
        return rig.sessionBuilder();
      }

      @Override
      public ProgrammerEndpoint endpointForClinician() {
        return rig.endpointForClinician();
      }

      @Override
      public Transport transport() {
        return rig.transport();
      }

      @Override
      public Transport transport(FrameFault fault) {
        return rig.transport(fault);
      }

      @Override
      public Optional<Prescription> prescription() {
        return rig.pump.therapy().map(t -> t.prescription());
      }

      @Override
      public List<MessageType> requestTypes() {
        return rig.pump.requestTypes();
      }

      @Override
      public void advance(Duration d) {
        rig.clock.advance(d.toMillis());
      }

      @Override
      public void close() {
        // nothing held
      }
    };
  }
}
