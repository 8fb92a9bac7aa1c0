// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.message.Direction;
import org.openitb.link.message.WireLimits;

class InMemoryTransportTest {
  @Test
  void aPairCarriesFramesBothWaysAndNeverWaits() {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    assertThat(pair.pumpEnd().receive()).isEmpty();
    pair.deviceEnd().send(new byte[] {1, 2});
    pair.pumpEnd().send(new byte[] {3});
    assertThat(pair.pumpEnd().receive()).contains(new byte[] {1, 2});
    assertThat(pair.deviceEnd().receive()).contains(new byte[] {3});
    pair.deviceEnd().close();
    assertThatThrownBy(() -> pair.deviceEnd().send(new byte[1])).isInstanceOf(TransportException.class);
  }

  @Test
  void aServingTransportHandsEachFrameToThePumpAndQueuesItsReply() {
    List<byte[]> heard = new ArrayList<>();
    InMemoryTransport t = InMemoryTransport.serving(frame -> {
      heard.add(frame);
      return frame.length > 1 ? Optional.of(new byte[] {9}) : Optional.empty();
    });
    t.send(new byte[] {1, 1});
    t.send(new byte[] {1});
    assertThat(heard).hasSize(2);
    assertThat(t.receive()).contains(new byte[] {9});
    assertThat(t.receive()).isEmpty();
  }

  @Test
  void seededRandomFaultsRepeatExactlyAndDoBothDropAndCorrupt() {
    List<String> first = run(FrameFaults.random(42, 0.2, 0.2));
    List<String> second = run(FrameFaults.random(42, 0.2, 0.2));
    assertThat(first).isEqualTo(second);
    assertThat(first).contains("lost").anyMatch(s -> s.startsWith("changed"));
    assertThat(run(FrameFaults.random(43, 0.2, 0.2))).isNotEqualTo(first);
  }

  @Test
  void targetedFaultsHitExactlyTheirFrame() {
    FrameFault dropSecond = FrameFaults.dropAt(Direction.TO_PUMP, 1);
    assertThat(dropSecond.apply(Direction.TO_PUMP, 0, new byte[1])).isPresent();
    assertThat(dropSecond.apply(Direction.TO_PUMP, 1, new byte[1])).isEmpty();
    assertThat(dropSecond.apply(Direction.FROM_PUMP, 1, new byte[1])).isPresent();
    FrameFault dead = FrameFaults.dropFrom(Direction.FROM_PUMP, 2);
    assertThat(dead.apply(Direction.FROM_PUMP, 1, new byte[1])).isPresent();
    assertThat(dead.apply(Direction.FROM_PUMP, 7, new byte[1])).isEmpty();
  }

  @Test
  void queuesAndFramesAreBounded() {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    for (int i = 0; i < InMemoryTransport.MAX_QUEUED_FRAMES + 10; i++) {
      pair.deviceEnd().send(new byte[] {(byte) i});
    }
    int received = 0;
    while (pair.pumpEnd().receive().isPresent()) {
      received++;
    }
    assertThat(received).isEqualTo(InMemoryTransport.MAX_QUEUED_FRAMES);
    assertThatThrownBy(() -> pair.deviceEnd().send(new byte[WireLimits.MAX_FRAME_BYTES + 1])).isInstanceOf(TransportException.class);
  }

  private static List<String> run(FrameFault faults) {
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] frame = {0, 0, 0, 0};
      Optional<byte[]> out = faults.apply(Direction.TO_PUMP, i, frame);
      outcomes.add(out.map(b -> java.util.Arrays.equals(b, frame) ? "same" : "changed " + java.util.HexFormat.of().formatHex(b)).orElse("lost"));
    }
    return outcomes;
  }
}
