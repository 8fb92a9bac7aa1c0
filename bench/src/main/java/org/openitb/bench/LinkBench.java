// SPDX-License-Identifier: Apache-2.0
package org.openitb.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.ProposeTherapy;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyReport;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.security.TrustedPumps;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.session.ProgrammerSession;
import org.openitb.link.session.PumpEndpoint;
import org.openitb.link.transport.InMemoryTransport;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The telemetry link: encoding and decoding a flex therapy proposal, and a complete secure session
 * (mutual authentication with Ed25519, X25519 key agreement, AES-GCM) that reads the therapy and
 * closes, over the in-memory transport.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LinkBench {
  private static final DrugLibrary LIBRARY = DrugLibrary.standard();
  private final MessageCodec codec = new MessageCodec(LIBRARY);
  private ProposeTherapy proposal;
  private byte[] proposalBody;
  private PumpEndpoint pump;
  private ProgrammerEndpoint programmer;
  private final AtomicLong clock = new AtomicLong(1_772_357_400_000L);

  @Setup
  public void setUp() {
    Prescription flex = new Prescription(LIBRARY.drug("baclofen"), Concentration.ofMicrogramsPerMillilitre(2000),
        new FlexSchedule(List.of(new FlexStep(LocalTime.of(6, 0), DoseRate.ofMicrogramsPerDay(400)),
            new FlexStep(LocalTime.of(22, 0), DoseRate.ofMicrogramsPerDay(300)))),
        List.of(), Optional.of(new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(3), 4)));
    Therapy therapy = new Therapy(flex, Volume.ofMillilitres(2));
    proposal = new ProposeTherapy(therapy);
    proposalBody = MessageCodec.encode(proposal);
    SecureRandom random = new SecureRandom();
    PumpCredential identity = PumpCredential.generate("ITB20-BENCH", random);
    DeviceCredential clinician = DeviceCredential.generate("CP-BENCH", Role.CLINICIAN, random);
    pump = PumpEndpoint.builder().identity(identity).trust(TrustList.of(clinician.trusted())).drugLibrary(LIBRARY)
        .handler((request, role, device) -> new TherapyReport(Optional.of(therapy), MessageCodec.checksum(therapy)))
        .listener(org.openitb.link.session.LinkListener.NONE).proximity(() -> true).clock(clock::get).random(random).build();
    programmer = new ProgrammerEndpoint(clinician, TrustedPumps.of(identity), LIBRARY, random);
  }

  @Benchmark
  public byte[] encodeProposal() {
    return MessageCodec.encode(proposal);
  }

  @Benchmark
  public Object decodeProposal() {
    return codec.decode(MessageType.PROPOSE_THERAPY, proposalBody);
  }

  @Benchmark
  public Object secureSessionReadingTherapy() {
    clock.addAndGet(1_000);
    ProgrammerSession session = programmer.openProgrammerSession(InMemoryTransport.serving(pump));
    TherapyReport report = session.therapy();
    session.close();
    return report;
  }
}
