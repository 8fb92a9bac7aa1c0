// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.openitb.link.message.Direction;

/** Ready-made {@link FrameFault}s for the simulator and for fault tests; random ones are seeded, so runs repeat. */
public final class FrameFaults {
  private FrameFaults() {}

  /** A perfect link. */
  public static FrameFault none() {
    return (direction, index, frame) -> Optional.of(frame);
  }

  /** Loses each frame with {@code dropProbability} and flips one bit in each with {@code corruptProbability}. */
  public static FrameFault random(long seed, double dropProbability, double corruptProbability) {
    Random random = new Random(seed);
    return (direction, index, frame) -> {
      if (random.nextDouble() < dropProbability) {
        return Optional.empty();
      }
      if (frame.length > 0 && random.nextDouble() < corruptProbability) {
        byte[] copy = frame.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return Optional.of(copy);
      }
      return Optional.of(frame);
    };
  }

  /** Loses exactly the {@code index}-th frame travelling in {@code direction}. */
  public static FrameFault dropAt(Direction direction, long index) {
    return (d, i, frame) -> d == direction && i == index ? Optional.empty() : Optional.of(frame);
  }

  /** Loses every frame in {@code direction} from the {@code index}-th on (the link goes dead). */
  public static FrameFault dropFrom(Direction direction, long index) {
    return (d, i, frame) -> d == direction && i >= index ? Optional.empty() : Optional.of(frame);
  }

  /** Delivers every frame unchanged and shows a copy to {@code tap} (an eavesdropper's recorder). */
  public static FrameFault tap(Consumer<TappedFrame> tap) {
    return (direction, index, frame) -> {
      tap.accept(new TappedFrame(direction, index, frame.clone()));
      return Optional.of(frame);
    };
  }

  /** A frame seen by {@link #tap}. */
  public record TappedFrame(Direction direction, long index, byte[] frame) {}
}
