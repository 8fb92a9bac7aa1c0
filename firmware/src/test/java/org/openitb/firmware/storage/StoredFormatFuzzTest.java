// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.openitb.firmware.storage.ByteReader;
import org.openitb.firmware.storage.CorruptDataException;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.storage.StateCodec;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * Coverage-guided fuzzing of the firmware's stored-format decoders (Jazzer; inputs under
 * {@code src/test/resources/org/openitb/firmware/StoredFormatFuzzTestInputs/}): whatever NV memory
 * holds after bit flips or torn writes, a decoder returns a value or throws {@link
 * CorruptDataException}, never anything else (the boot falls back on the other copy or an
 * Unreadable log entry only on that exception).
 */
class StoredFormatFuzzTest {
  static final DrugLibrary LIBRARY = DrugLibrary.standard();

  @FuzzTest(maxDuration = "60s")
  void anEventPayloadDecodesOrIsCorrupt(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] payload = Arrays.copyOfRange(input, 1, input.length);
    try {
      EventCodec.decode(input[0] & 0xFF, new ByteReader(payload, 0, payload.length));
    } catch (CorruptDataException expected) {
      // refused: the slot reads as Unreadable
    }
  }

  @FuzzTest(maxDuration = "60s")
  void aSettingsCopyDecodesOrIsCorrupt(byte[] input) {
    try {
      StateCodec.decode(input, LIBRARY);
    } catch (CorruptDataException expected) {
      // refused: the other copy, or the lost-settings path
    }
  }
}
