// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.util.Random;

/** Lets the frame fuzzers in other packages reuse the body fuzzer's mutations. */
public final class DecoderFuzzTestAccess {
  private DecoderFuzzTestAccess() {}

  public static byte[] mutate(Random random, byte[] valid) {
    return DecoderFuzzTest.mutate(random, valid);
  }

  public static byte[] randomBytes(Random random) {
    return DecoderFuzzTest.randomBytes(random);
  }
}
