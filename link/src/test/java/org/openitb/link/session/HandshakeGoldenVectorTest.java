// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.Role;
import org.openitb.link.fixtures.FakePump;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.fixtures.ManualClock;
import org.openitb.link.fixtures.RecordingListener;
import org.openitb.link.message.Direction;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.security.TrustedPumps;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.InMemoryTransport;

/**
 * The complete recorded handshake of PROTOCOL.md 8.11, golden: fixed private keys (raw 32 bytes),
 * every frame, the transcript hash, the shared secret, the HKDF outputs and one sealed record.
 * The real endpoints run the handshake with randomness scripted to those keys; every value must
 * equal the specification's block byte for byte, so a second implementation can check itself
 * against the same numbers.
 */
class HandshakeGoldenVectorTest {
  static final Path SPEC = Path.of("PROTOCOL.md");
  static final String BEGIN = "<!-- handshake-vector:begin -->";
  static final String END = "<!-- handshake-vector:end -->";
  static final HexFormat HEX = HexFormat.of();
  /** The device's hello counter in the vector: the pump's T0 in microseconds, as {@link HelloCounter#system()} would make it. */
  static final long HELLO_COUNTER = Fixtures.T0 * 1_000;

  /** Randomness that hands out exactly the scripted bytes, in order (a test device only). */
  static final class ScriptedRandom extends SecureRandom {
    private final byte[] script;
    private int at;

    ScriptedRandom(byte[]... parts) {
      int n = 0;
      for (byte[] p : parts) {
        n += p.length;
      }
      script = new byte[n];
      int o = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, script, o, p.length);
        o += p.length;
      }
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (at + bytes.length > script.length) {
        throw new IllegalStateException("script exhausted");
      }
      System.arraycopy(script, at, bytes, 0, bytes.length);
      at += bytes.length;
    }
  }

  static byte[] run(int first) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  String computedBlock() {
    byte[] deviceKey = run(0x00);
    byte[] pumpKey = run(0x20);
    byte[] deviceEphemeral = run(0x40);
    byte[] pumpEphemeral = run(0x60);
    byte[] sessionId = {0x12, 0x34, 0x56, 0x78};

    DeviceCredential device = DeviceCredential.generate("CP-0001", Role.CLINICIAN, new ScriptedRandom(deviceKey));
    PumpCredential pump = PumpCredential.generate("ITB20-000123", new ScriptedRandom(pumpKey));
    ManualClock clock = new ManualClock(Fixtures.T0);
    PumpEndpoint endpoint = PumpEndpoint.builder()
        .identity(pump)
        .trust(TrustList.of(device.trusted()))
        .drugLibrary(Fixtures.LIBRARY)
        .handler(new FakePump(clock, Optional.of(Fixtures.flexTherapy())))
        .listener(new RecordingListener())
        .proximity(() -> true)
        .clock(clock)
        .random(new ScriptedRandom(pumpEphemeral, sessionId))
        .build();
    List<byte[]> toPump = new ArrayList<>();
    List<byte[]> fromPump = new ArrayList<>();
    InMemoryTransport link = InMemoryTransport.serving(endpoint, FrameFaults.tap(f -> {
      (f.direction() == Direction.TO_PUMP ? toPump : fromPump).add(f.frame());
    }));
    ProgrammerSession session = new ProgrammerEndpoint(
        device, TrustedPumps.of(pump), Fixtures.LIBRARY, new ScriptedRandom(deviceEphemeral), HelloCounter.startingAfter(HELLO_COUNTER - 1))
        .openProgrammerSession(link);
    session.status();

    KeyPair deviceEph = X25519.generate(new ScriptedRandom(deviceEphemeral));
    KeyPair pumpEph = X25519.generate(new ScriptedRandom(pumpEphemeral));
    byte[] th = Transcript.hash(toPump.get(0), fromPump.get(0));
    byte[] z = X25519.agree(pumpEph.getPrivate(), X25519.raw(deviceEph.getPublic())).orElseThrow();
    byte[] prk = Hkdf.extract(th, z);
    SessionKeys keys = SessionKeys.derive(z, th);

    StringBuilder b = new StringBuilder();
    line(b, "device id", "CP-0001, role 1 CLINICIAN");
    line(b, "device Ed25519 private key", HEX.formatHex(deviceKey));
    line(b, "device Ed25519 public key", HEX.formatHex(device.trusted().rawPublicKey()));
    line(b, "pump serial", "ITB20-000123");
    line(b, "pump Ed25519 private key", HEX.formatHex(pumpKey));
    line(b, "pump Ed25519 public key", HEX.formatHex(new org.openitb.link.security.TrustedDevice("p", Role.READ_ONLY, pump.publicKey()).rawPublicKey()));
    line(b, "device X25519 ephemeral private key", HEX.formatHex(deviceEphemeral));
    line(b, "device X25519 ephemeral public key", HEX.formatHex(X25519.raw(deviceEph.getPublic())));
    line(b, "pump X25519 ephemeral private key", HEX.formatHex(pumpEphemeral));
    line(b, "pump X25519 ephemeral public key", HEX.formatHex(X25519.raw(pumpEph.getPublic())));
    line(b, "session id", HEX.formatHex(sessionId));
    line(b, "pump RTC at the accept (ms)", Long.toString(Fixtures.T0));
    line(b, "hello counter", Long.toString(HELLO_COUNTER));
    line(b, "device signs its hello (context, pump serial, hello less its signature)",
        HEX.formatHex(Transcript.helloSigned("ITB20-000123", toPump.get(0))));
    line(b, "hello frame", HEX.formatHex(toPump.get(0)));
    line(b, "pump signs (context, hello, challenge less its signature)", HEX.formatHex(Transcript.pumpSigned(toPump.get(0), fromPump.get(0))));
    line(b, "challenge frame", HEX.formatHex(fromPump.get(0)));
    line(b, "th = SHA-256(hello frame, challenge frame)", HEX.formatHex(th));
    line(b, "device signs (context, th)", HEX.formatHex(Transcript.deviceSigned(th)));
    line(b, "response frame", HEX.formatHex(toPump.get(1)));
    line(b, "z = X25519 shared secret", HEX.formatHex(z));
    line(b, "prk = HMAC-SHA256(th, z)", HEX.formatHex(prk));
    line(b, "key to pump", HEX.formatHex(keys.toPumpKey()));
    line(b, "nonce to pump", HEX.formatHex(keys.toPumpIv()));
    line(b, "key from pump", HEX.formatHex(keys.fromPumpKey()));
    line(b, "nonce from pump", HEX.formatHex(keys.fromPumpIv()));
    line(b, "accept frame (pump seq 1)", HEX.formatHex(fromPump.get(1)));
    line(b, "STATUS_REQUEST frame (device seq 1)", HEX.formatHex(toPump.get(2)));
    return b.toString();
  }

  static void line(StringBuilder b, String name, String value) {
    b.append(name).append(":\n  ").append(value).append('\n');
  }

  static String specBlock() throws IOException {
    String spec = Files.readString(SPEC);
    int from = spec.indexOf(BEGIN);
    int to = spec.indexOf(END);
    assertThat(from).as("PROTOCOL.md has the handshake vector block").isNotNegative();
    String block = spec.substring(from + BEGIN.length(), to);
    return block.replace("```text", "").replace("```", "").strip() + "\n";
  }

  @Test
  void theSpecifiedHandshakeIsWhatTheEndpointsDo() throws IOException {
    if (System.getProperty("handshake.vector.write") != null) {
      // a maintainer's aid after a deliberate protocol change: the block to paste into PROTOCOL.md
      Files.writeString(Path.of("target", "handshake-vector.txt"), computedBlock());
    }
    assertThat(specBlock()).isEqualTo(computedBlock());
  }

  @Test
  void theScriptedKeysAreTheKeysUsed() {
    // the JDK draws exactly 32 bytes per X25519 or Ed25519 private key: the vector's private keys are the raw keys
    KeyPair a = X25519.generate(new ScriptedRandom(run(0x40)));
    KeyPair b = X25519.generate(new ScriptedRandom(run(0x40)));
    assertThat(X25519.raw(a.getPublic())).isEqualTo(X25519.raw(b.getPublic()));
    assertThat(((java.security.interfaces.XECPrivateKey) a.getPrivate()).getScalar()).contains(run(0x40));
  }
}
