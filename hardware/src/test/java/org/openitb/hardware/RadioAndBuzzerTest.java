// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.MINUTE;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.hal.Tone;

class RadioAndBuzzerTest {
  private static final byte[] FRAME = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  private static FakeFirmware.Factory echoing() {
    return new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE).echoing().beepingOnMagnet());
  }

  @Test
  void aReceivedFrameReachesTheFirmwareAndItsReplyGoesOnTheAirEachByteCostingCharge() {
    Recorder recorder = new Recorder();
    FakeFirmware.Factory firmware = echoing();
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, recorder);
    long before = pump.batteryRemainingNanoampHours();

    assertThat(pump.receive(FRAME)).isTrue();

    assertThat(firmware.current().framesReceived).containsExactly(FRAME);
    assertThat(recorder.events).containsExactly("0 reset POWER_ON", "0 sent 10 bytes");
    long perByte = HardwareParameters.Battery.TYPICAL.radioByteNanoampHours();
    assertThat(before - pump.batteryRemainingNanoampHours()).isEqualTo(2L * FRAME.length * perByte);
    assertThat(pump.framesReceived()).isEqualTo(1);
    assertThat(pump.framesSent()).isEqualTo(1);
  }

  @Test
  void sentFramesAreCopiesTheFirmwareCannotChangeAfterwards() {
    List<byte[]> heard = new ArrayList<>();
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, echoing(), new Recorder());
    pump.setListener(new PhysicalListener() {
      @Override
      public void onFrameSent(long atMillis, byte[] frame) {
        heard.add(frame);
      }
    });
    byte[] frame = FRAME.clone();

    pump.hal().radio().send(frame);
    frame[0] = 99;

    assertThat(heard.get(0)[0]).isEqualTo((byte) 1);
  }

  @Test
  void frameLossIsSeededAndReproducible() {
    int[] delivered = new int[3];
    List<List<Boolean>> patterns = new ArrayList<>();
    long[] seeds = {11, 11, 12};
    for (int i = 0; i < seeds.length; i++) {
      SimulatedPump pump = Pumps.filled(HardwareParameters.ideal().withRadioLossPpm(500_000), seeds[i], echoing(), new Recorder());
      List<Boolean> pattern = new ArrayList<>();
      for (int f = 0; f < 1_000; f++) {
        boolean got = pump.receive(FRAME);
        pattern.add(got);
        delivered[i] += got ? 1 : 0;
      }
      patterns.add(pattern);
    }

    assertThat(patterns.get(0)).isEqualTo(patterns.get(1)).isNotEqualTo(patterns.get(2));
    assertThat(delivered[0]).isBetween(430, 570);
  }

  @Test
  void aRadioLossFaultChangesTheLossFromItsInstant() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, echoing(), new Recorder());
    pump.inject(new Fault.RadioLoss(MINUTE, 1_000_000));

    assertThat(pump.receive(FRAME)).isTrue();
    pump.runUntil(MINUTE);
    assertThat(pump.receive(FRAME)).isFalse();
    assertThat(pump.framesLost()).isEqualTo(1);
  }

  @Test
  void aCorruptedFrameArrivesWithExactlyOneBitFlipped() {
    FakeFirmware.Factory firmware = echoing();
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, new Recorder());
    pump.inject(new Fault.RadioCorruption(0, 1));
    pump.runUntil(0);

    pump.receive(FRAME);
    pump.receive(FRAME);

    byte[] corrupted = firmware.current().framesReceived.get(0);
    int flipped = 0;
    for (int i = 0; i < FRAME.length; i++) {
      flipped += Integer.bitCount((corrupted[i] ^ FRAME[i]) & 0xFF);
    }
    assertThat(flipped).isEqualTo(1);
    assertThat(firmware.current().framesReceived.get(1)).isEqualTo(FRAME);
  }

  @Test
  void proximityIsWhatTheSimulatorSays() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, echoing(), new Recorder());
    assertThat(pump.hal().radio().proximity()).isFalse();

    pump.setProximity(true);

    assertThat(pump.hal().radio().proximity()).isTrue();
  }

  @Test
  void theBuzzerRecordsEveryToneWithItsInstantAndCostsCharge() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, echoing(), recorder);
    pump.magneticField(MINUTE, MINUTE, 1_500);
    pump.runUntil(3 * MINUTE);
    pump.hal().buzzer().sound(Tone.CRITICAL_TWO_TONE);

    assertThat(pump.tones()).containsExactly(
        new ToneRecord(MINUTE, Tone.CRITICAL_TWO_TONE),
        new ToneRecord(2 * MINUTE, Tone.NON_CRITICAL_SINGLE_TONE),
        new ToneRecord(3 * MINUTE, Tone.CRITICAL_TWO_TONE));
    assertThat(pump.toneCount(Tone.CRITICAL_TWO_TONE)).isEqualTo(2);
    assertThat(recorder.events).contains(MINUTE + " tone CRITICAL_TWO_TONE");
    HardwareParameters.Battery cell = HardwareParameters.Battery.TYPICAL;
    long idle = 3 * cell.idleNanoampHoursPerHour() / 60;
    // two 3-second critical tones and one 1-second single tone
    assertThat(cell.capacityNanoampHours() - pump.batteryRemainingNanoampHours())
        .isEqualTo(idle + (3 + 1 + 3) * cell.toneNanoampHoursPerSecond());
  }

  @Test
  void theToneHistoryKeepsTheMostRecentAndCountsAll() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal().withToneHistoryLimit(3), 1, echoing(), new Recorder());

    for (int i = 0; i < 5; i++) {
      pump.hal().buzzer().sound(i % 2 == 0 ? Tone.CRITICAL_TWO_TONE : Tone.NON_CRITICAL_SINGLE_TONE);
    }

    assertThat(pump.tones()).extracting(ToneRecord::tone)
        .containsExactly(Tone.CRITICAL_TWO_TONE, Tone.NON_CRITICAL_SINGLE_TONE, Tone.CRITICAL_TWO_TONE);
    assertThat(pump.toneCount(Tone.CRITICAL_TWO_TONE)).isEqualTo(3);
    assertThat(pump.toneCount(Tone.NON_CRITICAL_SINGLE_TONE)).isEqualTo(2);
  }
}
