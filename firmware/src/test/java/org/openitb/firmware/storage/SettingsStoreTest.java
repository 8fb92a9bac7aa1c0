// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.hal.NvMemory;
import org.openitb.firmware.storage.SettingsStore.Blank;
import org.openitb.firmware.storage.SettingsStore.CopyState;
import org.openitb.firmware.storage.SettingsStore.Corrupt;
import org.openitb.firmware.storage.SettingsStore.Valid;

/**
 * The A/B settings copies at their edges: the largest payload a copy holds, erased memory in both
 * forms, a header whose length is out of range, a read that fails transiently (retried three
 * times, no more), numbering after boot and a scrub before the first save.
 */
class SettingsStoreTest {
  /** NV memory whose reads of one address can be made to return garbage a given number of times. */
  static final class Memory implements NvMemory {
    final byte[] cells = new byte[SettingsStore.TOTAL_BYTES];
    /** Reads of a whole copy (header, payload, CRC) at {@code garbledAt} still to come back with a flipped bit. */
    int garbledReads;
    /** Reads of the 16-byte header alone at {@code garbledAt} still to come back with a flipped sequence bit. */
    int garbledHeaderReads;
    int garbledAt = -1;
    int writes;

    @Override
    public int size() {
      return cells.length;
    }

    @Override
    public byte[] read(int address, int length) {
      byte[] out = Arrays.copyOfRange(cells, address, address + length);
      if (address == garbledAt && length > 16 && garbledReads > 0) {
        garbledReads--;
        out[4] ^= 0x10; // a flipped bit in the sequence number: the CRC fails
      }
      if (address == garbledAt && length == 16 && garbledHeaderReads > 0) {
        garbledHeaderReads--;
        out[4] ^= 0x10;
      }
      return out;
    }

    @Override
    public void write(int address, byte[] data) {
      writes++;
      System.arraycopy(data, 0, cells, address, data.length);
    }
  }

  private static ByteWriter payload(int length, int fill) {
    ByteWriter w = new ByteWriter();
    for (int i = 0; i < length; i++) {
      w.putByte(fill);
    }
    return w;
  }

  /** The largest payload: a copy of 2048 bytes less the 16-byte header and the 4-byte CRC. */
  private static final int MAX_PAYLOAD = SettingsStore.COPY_BYTES - 16 - 4;

  @Test
  void aCopyHoldsAPayloadUpToItsSizeAndNotOneByteMore() {
    Memory m = new Memory();
    SettingsStore store = new SettingsStore(m);
    store.save(payload(MAX_PAYLOAD, 0x5a));
    CopyState[] read = new SettingsStore(m).readBoth();
    assertThat(read).allSatisfy(c -> {
      assertThat(c).isInstanceOf(Valid.class);
      assertThat(((Valid) c).payload()).hasSize(MAX_PAYLOAD).containsOnly((byte) 0x5a);
      assertThat(((Valid) c).sequence()).isEqualTo(1);
    });
    assertThatThrownBy(() -> store.save(payload(MAX_PAYLOAD + 1, 1))).isInstanceOf(IllegalStateException.class)
        .hasMessage("settings of " + (MAX_PAYLOAD + 1) + " bytes exceed a copy of " + MAX_PAYLOAD);
    assertThat(m.writes).isEqualTo(2);
  }

  @Test
  void anEmptyPayloadIsAValidCopy() {
    Memory m = new Memory();
    new SettingsStore(m).save(new ByteWriter());
    CopyState[] read = new SettingsStore(m).readBoth();
    assertThat(read).allSatisfy(c -> {
      assertThat(c).isInstanceOf(Valid.class);
      assertThat(((Valid) c).sequence()).isEqualTo(1);
      assertThat(((Valid) c).payload()).isEmpty();
    });
  }

  @Test
  void aHeaderWhoseLengthIsOutOfRangeIsCorruptNotRead() {
    Memory m = new Memory();
    new SettingsStore(m).save(payload(8, 1));
    // length field (bytes 12-15 of the header) set one past the largest payload, and negative
    for (int length : new int[] {MAX_PAYLOAD + 1, -1}) {
      byte[] header = new ByteWriter().putInt(length).toArray();
      System.arraycopy(header, 0, m.cells, 12, 4);
      assertThat(new SettingsStore(m).readBoth()[0]).as("length %d", length).isInstanceOf(Corrupt.class);
      assertThat(new SettingsStore(m).readBoth()[1]).isInstanceOf(Valid.class);
    }
    // a header that is not the magic "ITB1" is corrupt even with a good length
    new SettingsStore(m).save(payload(8, 1));
    m.cells[0] = 'X';
    assertThat(new SettingsStore(m).readBoth()[0]).isInstanceOf(Corrupt.class);
  }

  @Test
  void memoryNeverWrittenReadsAsBlankInBothErasedForms() {
    Memory m = new Memory();
    assertThat(new SettingsStore(m).readBoth()).allSatisfy(c -> assertThat(c).isInstanceOf(Blank.class));
    Arrays.fill(m.cells, (byte) 0xff);
    assertThat(new SettingsStore(m).readBoth()).allSatisfy(c -> assertThat(c).isInstanceOf(Blank.class));
    // a header of zeros and ones mixed is neither: it is a corrupted copy
    m.cells[3] = 0;
    assertThat(new SettingsStore(m).readBoth()[0]).isInstanceOf(Corrupt.class);
    assertThat(new SettingsStore(m).readBoth()[1]).isInstanceOf(Blank.class);
    Arrays.fill(m.cells, (byte) 0);
    m.cells[SettingsStore.COPY_BYTES + 15] = (byte) 0xff;
    assertThat(new SettingsStore(m).readBoth()[1]).isInstanceOf(Corrupt.class);
  }

  @Test
  void aTransientReadErrorIsRetriedUpToThreeTimes() {
    Memory m = new Memory();
    new SettingsStore(m).save(payload(8, 7));
    m.garbledAt = 0;
    m.garbledReads = 2; // the first two reads fail, the third is good
    assertThat(new SettingsStore(m).readBoth()[0]).isInstanceOf(Valid.class);
    m.garbledReads = 3; // three failed reads: the copy is corrupt, a fourth read is never tried
    assertThat(new SettingsStore(m).readBoth()[0]).isInstanceOf(Corrupt.class);
    assertThat(m.garbledReads).isZero();
    m.garbledReads = 4;
    assertThat(new SettingsStore(m).readBoth()[0]).isInstanceOf(Corrupt.class);
    assertThat(m.garbledReads).isEqualTo(1);
  }

  @Test
  void theSequenceComesFromTheBytesTheChecksumVerified() {
    Memory m = new Memory();
    new SettingsStore(m).save(payload(8, 7));
    m.garbledAt = 0;
    m.garbledHeaderReads = 1; // the header read sees a flipped sequence bit, the whole-copy read is good
    CopyState a = new SettingsStore(m).readBoth()[0];
    assertThat(a).isInstanceOf(Valid.class);
    assertThat(((Valid) a).sequence()).isEqualTo(1);
  }

  @Test
  void numberingResumesAfterTheNewestCopyFoundAndNeverGoesBack() {
    Memory m = new Memory();
    SettingsStore store = new SettingsStore(m);
    store.resumeAfter(41);
    store.resumeAfter(7); // an older copy found later never lowers the number
    store.save(payload(4, 1));
    assertThat(((Valid) new SettingsStore(m).readBoth()[0]).sequence()).isEqualTo(42);
    assertThat(((Valid) new SettingsStore(m).readBoth()[1]).sequence()).isEqualTo(42);
  }

  @Test
  void aScrubBeforeTheFirstSaveRepairsNothingAndAfterItRepairsOnlyTheBadCopy() {
    Memory m = new Memory();
    SettingsStore store = new SettingsStore(m);
    assertThat(store.scrub()).isEmpty();
    assertThat(m.writes).isZero();
    store.save(payload(16, 3));
    assertThat(store.scrub()).isEmpty();
    assertThat(m.writes).isEqualTo(2);
    m.cells[SettingsStore.COPY_BYTES + 20] ^= 1;
    assertThat(store.scrub()).containsExactly('B');
    assertThat(m.writes).isEqualTo(3);
    assertThat(new SettingsStore(m).readBoth()).allSatisfy(c -> assertThat(((Valid) c).sequence()).isEqualTo(1));
    // a copy that is valid but older (a save torn after A) is rewritten too
    byte[] a = Arrays.copyOf(m.cells, SettingsStore.COPY_BYTES);
    store.save(payload(16, 4));
    System.arraycopy(a, 0, m.cells, 0, a.length);
    assertThat(store.scrub()).containsExactly('A');
    assertThat(SettingsStore.newest(new SettingsStore(m).readBoth()).orElseThrow().sequence()).isEqualTo(2);
  }

  @Test
  void theNewestValidCopyWinsAndCopiesAreNamedAAndB() {
    Valid one = new Valid(1, new byte[] {1});
    Valid two = new Valid(2, new byte[] {2});
    assertThat(SettingsStore.newest(new CopyState[] {one, two})).containsSame(two);
    assertThat(SettingsStore.newest(new CopyState[] {two, one})).containsSame(two);
    assertThat(SettingsStore.newest(new CopyState[] {new Blank(), one})).containsSame(one);
    assertThat(SettingsStore.newest(new CopyState[] {new Corrupt(), new Blank()})).isEmpty();
    assertThat(List.of(SettingsStore.name(0), SettingsStore.name(1))).containsExactly('A', 'B');
  }
}
