// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.openitb.link.Role;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.security.TrustedDevice;
import org.openitb.link.security.TrustedPumps;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.InvalidValueException;

/**
 * What the devices paired with one {@link VirtualPump} know: the pump's serial and public key, and
 * each device's id, role and its Ed25519 private key in the standard raw form (RFC 8032, 32 bytes:
 * what PKCS#8 wraps; any Ed25519 implementation loads it). Everything is derived deterministically
 * from the virtual pump's seed, so separate processes (the {@code itb} CLI) share one virtual pump
 * through a small JSON file:
 *
 * <pre>{@code
 * {
 *   "format": "openitb-virtual-pump-credentials/2",
 *   "warning": "SIMULATED devices only ...",
 *   "pump": { "serial": "ITB-SIM-0001", "publicKey": "<64 hex: raw Ed25519 public key>" },
 *   "port": 0,                       // loopback TCP port of a served pump, 0 when not served
 *   "devices": [
 *     { "deviceId": "CP-0001",  "role": "CLINICIAN", "privateKey": "<64 hex: raw Ed25519 private key>" },
 *     { "deviceId": "PTM-0001", "role": "PATIENT",   "privateKey": "<64 hex>" },
 *     { "deviceId": "RO-0001",  "role": "READ_ONLY", "privateKey": "<64 hex>" },
 *     { "deviceId": "CP-0002",  "role": "CLINICIAN", "privateKey": "<64 hex>" }   // the second clinician (co-signer)
 *   ]
 * }
 * }</pre>
 *
 * <p>Migration: a version 1 file ({@code "keySeed"}: the seed of a SHA1PRNG from which the JDK's
 * generator drew the key, which no other implementation can reproduce) is still read; its keys are
 * converted to raw private keys, and {@link #read} rewrites the file as version 2 (same keys, so
 * the running pump still trusts them).
 *
 * <p><b>The file holds private key material of SIMULATED devices only</b>: anyone who reads it can
 * act as those devices toward that virtual pump. It exists for demos and tests; a real device's key
 * never leaves its secure element.
 */
public record VirtualPumpCredentials(String pumpSerial, byte[] pumpPublicKey, int port, List<SimulatedDevice> devices) {
  public static final String FORMAT = "openitb-virtual-pump-credentials/2";
  /** The first format, with SHA1PRNG key seeds; read and migrated, never written. */
  public static final String FORMAT_V1 = "openitb-virtual-pump-credentials/1";
  public static final String CLINICIAN_ID = "CP-0001";
  public static final String PATIENT_ID = "PTM-0001";
  public static final String READ_ONLY_ID = "RO-0001";
  /** A second clinician's credential: the co-signer of changes the pump commits only with a second person. */
  public static final String SECOND_CLINICIAN_ID = "CP-0002";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One simulated device: id, role and its raw 32-byte Ed25519 private key (RFC 8032). */
  public record SimulatedDevice(String deviceId, Role role, byte[] privateKey) {
    public SimulatedDevice {
      if (privateKey.length != 32) {
        throw new InvalidValueException("privateKey", privateKey.length + " bytes", "32 bytes", "wrong length");
      }
      privateKey = privateKey.clone();
    }

    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    /** The device's credential, its key pair recreated from the private key. */
    public DeviceCredential credential() {
      return DeviceCredential.fromPrivateKey(deviceId, role, privateKey);
    }

    /** A device whose key a version 1 file gave as a SHA1PRNG seed. */
    static SimulatedDevice fromKeySeed(String deviceId, Role role, byte[] keySeed) {
      return new SimulatedDevice(deviceId, role, DeviceCredential.generate(deviceId, role, seeded(keySeed)).privateKeyBytes());
    }
  }

  public VirtualPumpCredentials {
    pumpPublicKey = pumpPublicKey.clone();
    devices = List.copyOf(devices);
  }

  @Override
  public byte[] pumpPublicKey() {
    return pumpPublicKey.clone();
  }

  /** The pump's identity and the credentials of its three paired devices, all from {@code seed}. */
  static Provisioned derive(String serial, long seed) {
    PumpCredential pump = PumpCredential.generate(serial, seeded(seedBytes(seed, "pump:" + serial)));
    List<SimulatedDevice> devices = List.of(
        SimulatedDevice.fromKeySeed(CLINICIAN_ID, Role.CLINICIAN, seedBytes(seed, "device:" + CLINICIAN_ID)),
        SimulatedDevice.fromKeySeed(PATIENT_ID, Role.PATIENT, seedBytes(seed, "device:" + PATIENT_ID)),
        SimulatedDevice.fromKeySeed(READ_ONLY_ID, Role.READ_ONLY, seedBytes(seed, "device:" + READ_ONLY_ID)),
        SimulatedDevice.fromKeySeed(SECOND_CLINICIAN_ID, Role.CLINICIAN, seedBytes(seed, "device:" + SECOND_CLINICIAN_ID)));
    byte[] raw = new TrustedDevice(serial, Role.READ_ONLY, pump.publicKey()).rawPublicKey();
    return new Provisioned(pump, new VirtualPumpCredentials(serial, raw, 0, devices));
  }

  /** A pump identity with the device-side view of it. */
  record Provisioned(PumpCredential pump, VirtualPumpCredentials credentials) {
    TrustList trustList() {
      List<TrustedDevice> trusted = new ArrayList<>();
      for (SimulatedDevice d : credentials.devices()) {
        trusted.add(d.credential().trusted());
      }
      return TrustList.of(trusted);
    }
  }

  /** The same credentials with the loopback port a pump is served on. */
  public VirtualPumpCredentials withPort(int port) {
    return new VirtualPumpCredentials(pumpSerial, pumpPublicKey, port, devices);
  }

  /** The device of {@code role} (the first one, when several). */
  public SimulatedDevice device(Role role) {
    return devices.stream().filter(d -> d.role() == role).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no simulated device with role " + role));
  }

  public DeviceCredential clinician() {
    return device(Role.CLINICIAN).credential();
  }

  /** The second clinician's credential (co-signer), if the file lists one. */
  public java.util.Optional<DeviceCredential> secondClinician() {
    return devices.stream().filter(d -> d.role() == Role.CLINICIAN && d.deviceId().equals(SECOND_CLINICIAN_ID)).findFirst()
        .map(SimulatedDevice::credential);
  }

  public DeviceCredential patient() {
    return device(Role.PATIENT).credential();
  }

  public DeviceCredential readOnly() {
    return device(Role.READ_ONLY).credential();
  }

  /** The pump's public key. */
  public PublicKey pumpKey() {
    return TrustedDevice.fromRaw(pumpSerial, Role.READ_ONLY, pumpPublicKey).publicKey();
  }

  /** What every paired device knows: this pump's serial and key. */
  public TrustedPumps trustedPumps() {
    return TrustedPumps.of(Map.of(pumpSerial, pumpKey()));
  }

  /** A device endpoint for the device of {@code role}, paired with this pump. */
  public ProgrammerEndpoint endpoint(Role role, DrugLibrary library) {
    return new ProgrammerEndpoint(device(role).credential(), trustedPumps(), library);
  }

  /** Writes the JSON file described in the class comment (readable only by its owner where the file system allows). */
  public void write(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("warning", "SIMULATED devices only: these key seeds let anyone act as these devices toward this virtual pump. "
        + "Never use for a real device.");
    ObjectNode pump = root.putObject("pump");
    pump.put("serial", pumpSerial);
    pump.put("publicKey", HexFormat.of().formatHex(pumpPublicKey));
    root.put("port", port);
    ArrayNode list = root.putArray("devices");
    for (SimulatedDevice d : devices) {
      ObjectNode n = list.addObject();
      n.put("deviceId", d.deviceId());
      n.put("role", d.role().name());
      n.put("privateKey", HexFormat.of().formatHex(d.privateKey()));
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps the default permissions
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write credentials file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a file written by {@link #write}; a missing field or a wrong format is an {@link InvalidValueException}. */
  public static VirtualPumpCredentials read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read credentials file " + file + ": " + e.getMessage(), e);
    }
    boolean v1 = root != null && FORMAT_V1.equals(root.path("format").asText());
    if (root == null || !(v1 || FORMAT.equals(root.path("format").asText()))) {
      throw new InvalidValueException("format", root == null ? "" : root.path("format").asText(), FORMAT, "not a virtual pump credentials file");
    }
    String serial = text(root.path("pump"), "serial");
    byte[] key = hex(root.path("pump"), "publicKey", 32);
    List<SimulatedDevice> devices = new ArrayList<>();
    for (JsonNode n : root.path("devices")) {
      String roleName = text(n, "role");
      Role role;
      try {
        role = Role.valueOf(roleName);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("role", roleName, "CLINICIAN, PATIENT or READ_ONLY", "unknown role");
      }
      devices.add(v1 ? SimulatedDevice.fromKeySeed(text(n, "deviceId"), role, hex(n, "keySeed", 32))
          : new SimulatedDevice(text(n, "deviceId"), role, hex(n, "privateKey", 32)));
    }
    if (devices.isEmpty()) {
      throw new InvalidValueException("devices", "none", "at least one device", "no devices in credentials file");
    }
    VirtualPumpCredentials read = new VirtualPumpCredentials(serial, key, root.path("port").asInt(0), devices);
    if (v1) {
      read.write(file); // migrated: the same keys, stored in the standard raw form
    }
    return read;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new InvalidValueException(field, String.valueOf(v), "a non-empty string", "missing in credentials file");
    }
    return v.asText();
  }

  private static byte[] hex(JsonNode n, String field, int bytes) {
    String s = text(n, field);
    try {
      byte[] b = HexFormat.of().parseHex(s);
      if (b.length != bytes) {
        throw new InvalidValueException(field, b.length + " bytes", bytes + " bytes as hex", "wrong length");
      }
      return b;
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidValueException ive) {
        throw ive;
      }
      throw new InvalidValueException(field, s, bytes * 2 + " hex digits", "not hex");
    }
  }

  /** 32 bytes from the pump's seed and a label: SHA-256 of both. */
  static byte[] seedBytes(long seed, String label) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("openitb virtual pump " + seed + " " + label).getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** A deterministic random stream from {@code seed} (simulation only: real keys come from a hardware generator). */
  static SecureRandom seeded(byte[] seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VirtualPumpCredentials c && c.pumpSerial.equals(pumpSerial) && java.util.Arrays.equals(c.pumpPublicKey, pumpPublicKey)
        && c.port == port && c.devices.size() == devices.size()
        && java.util.stream.IntStream.range(0, devices.size()).allMatch(i -> same(c.devices.get(i), devices.get(i)));
  }

  private static boolean same(SimulatedDevice a, SimulatedDevice b) {
    return a.deviceId().equals(b.deviceId()) && a.role() == b.role() && java.util.Arrays.equals(a.privateKey(), b.privateKey());
  }

  @Override
  public int hashCode() {
    return pumpSerial.hashCode() * 31 + port;
  }

  @Override
  public String toString() {
    return "VirtualPumpCredentials[" + pumpSerial + ", port " + port + ", " + devices.stream().map(d -> d.deviceId() + "/" + d.role()).toList() + "]";
  }
}
