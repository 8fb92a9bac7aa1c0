// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openitb.firmware.hal.NvMemory;

/**
 * Settings in two copies, A and B, in non-volatile memory, each with a sequence number and a
 * CRC-32. Every save writes A then B with the same sequence number, so a failure of either copy —
 * a torn write, a flipped bit — leaves the other with the same or the previous verified settings.
 * A copy is believed corrupted only after {@link #READ_ATTEMPTS} reads all fail the check (a read
 * can return a transiently flipped bit).
 *
 * <p>Copy layout: magic (4), sequence (8), payload length (4), payload, CRC-32 of all before (4).
 */
public final class SettingsStore {
  public static final int COPY_BYTES = 2048;
  public static final int TOTAL_BYTES = 2 * COPY_BYTES;
  static final int READ_ATTEMPTS = 3;
  private static final int MAGIC = 0x49544231; // "ITB1"
  private static final int HEADER_BYTES = 16;
  private static final int MAX_PAYLOAD = COPY_BYTES - HEADER_BYTES - 4;
  private static final char[] NAMES = {'A', 'B'};

  /** What one copy held at boot. */
  public sealed interface CopyState {}

  public record Valid(long sequence, byte[] payload) implements CopyState {}

  public record Blank() implements CopyState {}

  public record Corrupt() implements CopyState {}

  private final NvMemory memory;
  private long sequence;
  /** The last saved copy image (valid up to its length once {@link #saved}); reused by every save. */
  private final ByteWriter image = new ByteWriter();
  private boolean saved;

  public SettingsStore(NvMemory memory) {
    this.memory = memory;
  }

  public static char name(int copy) {
    return NAMES[copy];
  }

  public CopyState[] readBoth() {
    return new CopyState[] {read(0), read(1)};
  }

  /** The newest valid copy among {@code states}, if any. */
  public static Optional<Valid> newest(CopyState[] states) {
    Valid best = null;
    for (CopyState s : states) {
      if (s instanceof Valid v && (best == null || v.sequence() > best.sequence())) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Continue numbering after {@code sequence} (the newest copy found at boot). */
  public void resumeAfter(long sequence) {
    this.sequence = Math.max(this.sequence, sequence);
  }

  public void save(ByteWriter payload) {
    if (payload.length() > MAX_PAYLOAD) {
      throw new IllegalStateException("settings of " + payload.length() + " bytes exceed a copy of " + MAX_PAYLOAD);
    }
    sequence++;
    image.reset();
    image.putInt(MAGIC).putLong(sequence).putInt(payload.length());
    image.putBytes(payload.buffer(), 0, payload.length());
    image.putInt(Checksums.crc32(image.buffer(), 0, image.length()));
    saved = true;
    memory.write(address(0), image.buffer(), 0, image.length());
    memory.write(address(1), image.buffer(), 0, image.length());
  }

  /** Re-reads both copies and rewrites any that fails its check from the last saved image; returns the names of the rewritten copies. */
  public List<Character> scrub() {
    List<Character> repaired = new ArrayList<>();
    if (!saved) {
      return repaired;
    }
    for (int copy = 0; copy < 2; copy++) {
      if (!(read(copy) instanceof Valid v) || v.sequence() != sequence) {
        memory.write(address(copy), image.buffer(), 0, image.length());
        repaired.add(name(copy));
      }
    }
    return repaired;
  }

  private CopyState read(int copy) {
    CopyState state = new Corrupt();
    for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      state = readOnce(copy);
      if (!(state instanceof Corrupt)) {
        return state;
      }
    }
    return state;
  }

  private CopyState readOnce(int copy) {
    byte[] header = memory.read(address(copy), HEADER_BYTES);
    if (isErased(header)) {
      return new Blank();
    }
    ByteReader r = new ByteReader(header, 0, HEADER_BYTES);
    int magic = r.getInt();
    r.getLong(); // the sequence: taken below from the verified bytes
    int length = r.getInt();
    if (magic != MAGIC || length < 0 || length > MAX_PAYLOAD) {
      return new Corrupt();
    }
    byte[] all = memory.read(address(copy), HEADER_BYTES + length + 4);
    int stored = new ByteReader(all, HEADER_BYTES + length, 4).getInt();
    if (stored != Checksums.crc32(all, 0, HEADER_BYTES + length)) {
      return new Corrupt();
    }
    // the sequence as the checksum verified it (the header was read separately and could differ)
    return new Valid(new ByteReader(all, 4, 8).getLong(), Arrays.copyOfRange(all, HEADER_BYTES, HEADER_BYTES + length));
  }

  /** Never-written memory reads as all zeros (or all ones, erased flash). */
  private static boolean isErased(byte[] header) {
    boolean zeros = true;
    boolean ones = true;
    for (byte b : header) {
      zeros &= b == 0;
      ones &= b == (byte) 0xff;
    }
    return zeros || ones;
  }

  private static int address(int copy) {
    return copy * COPY_BYTES;
  }
}
