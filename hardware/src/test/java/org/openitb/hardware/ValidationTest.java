// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.hardware.Pumps.MINUTE;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.Volume;

/** Every refusal names the field and the allowed range; every boundary value just inside is accepted. */
class ValidationTest {
  private static final HardwareParameters P = HardwareParameters.ideal();
  private static final HardwareParameters.Battery B = HardwareParameters.Battery.TYPICAL;

  @Test
  void faultRecordsRefuseValuesJustOutsideTheirRange() {
    Map<String, Supplier<Fault>> refused = Map.ofEntries(
        Map.entry("durationMillis", () -> new Fault.MotorStall(0, 0)),
        Map.entry("rotationsPerHour 0", () -> new Fault.MotorRunaway(0, 0)),
        Map.entry("rotationsPerHour 3600001", () -> new Fault.MotorRunaway(0, 3_600_001)),
        Map.entry("address -1", () -> new Fault.MemoryBitFlip(0, -1, 0)),
        Map.entry("bit -1", () -> new Fault.MemoryBitFlip(0, 0, -1)),
        Map.entry("bit 8", () -> new Fault.MemoryBitFlip(0, 0, 8)),
        Map.entry("address -2", () -> new Fault.MemoryCorruption(0, -2, 1)),
        Map.entry("length 0", () -> new Fault.MemoryCorruption(0, 0, 0)),
        Map.entry("durationMillis 0", () -> new Fault.MemoryWriteFailure(0, 0)),
        Map.entry("driftPpm -1000000", () -> new Fault.RtcDrift(0, -1_000_000)),
        Map.entry("driftPpm 1000001", () -> new Fault.RtcDrift(0, 1_000_001)),
        Map.entry("lossPpm -1", () -> new Fault.BatteryCapacityLoss(0, -1)),
        Map.entry("lossPpm 1000001", () -> new Fault.BatteryCapacityLoss(0, 1_000_001)),
        Map.entry("extraNanoampHoursPerHour 0", () -> new Fault.FeedthroughShort(0, 0)),
        Map.entry("misplacedPpm 1000001", () -> new Fault.PocketFill(0, 1_000_001)),
        Map.entry("durationMillis -5", () -> new Fault.CatheterOcclusion(0, -5, true)),
        Map.entry("lossPpm -3", () -> new Fault.RadioLoss(0, -3)),
        Map.entry("frames 0", () -> new Fault.RadioCorruption(0, 0)),
        Map.entry("biasPpm 500001", () -> new Fault.DeliveryBiasChange(0, 500_001)));
    refused.forEach((message, fault) ->
        assertThatThrownBy(fault::get).as(message).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message));
  }

  @Test
  void faultRecordsAcceptTheirBoundaries() {
    assertThatCode(() -> {
      new Fault.MotorRunaway(0, 1);
      new Fault.MotorRunaway(0, 3_600_000);
      new Fault.MemoryBitFlip(0, 0, 7);
      new Fault.RtcDrift(0, -999_999);
      new Fault.RtcDrift(0, 1_000_000);
      new Fault.BatteryCapacityLoss(0, 1_000_000);
      new Fault.PocketFill(0, 0);
      new Fault.DeliveryBiasChange(0, -500_000);
      new Fault.MotorStall(0, 1);
    }).doesNotThrowAnyException();
  }

  @Test
  void parametersRefuseValuesOutsideTheirRange() {
    Map<String, Runnable> refused = Map.ofEntries(
        Map.entry("magnetSensorMilliTesla -1", () -> P.withMagnetSensorMilliTesla(-1)),
        Map.entry("nvMemoryBytes 0", () -> P.withNvMemoryBytes(0)),
        Map.entry("watchdogPeriodMillis 0", () -> P.withWatchdogPeriodMillis(0)),
        Map.entry("radioLossPpm -1", () -> P.withRadioLossPpm(-1)),
        Map.entry("radioLossPpm 1000001", () -> P.withRadioLossPpm(1_000_001)),
        Map.entry("fluidPathVolume nL -1", () -> P.withFluidPathVolume(Volume.ofNanolitres(-1))),
        Map.entry("toneHistoryLimit 0", () -> P.withToneHistoryLimit(0)),
        Map.entry("meanBiasPpm 500001", () -> new HardwareParameters.Accuracy(500_001, 0, 0)),
        Map.entry("biasSpreadPpm -1", () -> new HardwareParameters.Accuracy(0, -1, 0)),
        Map.entry("noisePpm -1", () -> new HardwareParameters.Accuracy(0, 0, -1)),
        Map.entry("exceeds 500000", () -> new HardwareParameters.Accuracy(-300_000, 100_000, 100_001)),
        Map.entry("capacityNanoampHours 0", () -> B.withCapacityNanoampHours(0)),
        Map.entry("idleNanoampHoursPerHour -1", () -> new HardwareParameters.Battery(1, -1, 0, 0, 0)),
        Map.entry("strokeNanoampHours -1", () -> new HardwareParameters.Battery(1, 0, -1, 0, 0)),
        Map.entry("radioByteNanoampHours -1", () -> new HardwareParameters.Battery(1, 0, 0, -1, 0)),
        Map.entry("toneNanoampHoursPerSecond -1", () -> new HardwareParameters.Battery(1, 0, 0, 0, -1)),
        Map.entry("stallFieldMilliTesla -1", () -> new HardwareParameters.Motor(-1, 0)),
        Map.entry("wearStallPpbPerMillionRotations -1", () -> new HardwareParameters.Motor(0, -1)));
    refused.forEach((message, build) ->
        assertThatThrownBy(build::run).as(message).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message));
    assertThatCode(() -> new HardwareParameters.Accuracy(-300_000, 100_000, 100_000)).doesNotThrowAnyException();
    assertThat(P.withMagnetSensorMilliTesla(0).magnetSensorMilliTesla()).isZero();
    assertThat(P.withWatchdogPeriodMillis(1).watchdogPeriodMillis()).isEqualTo(1);
    assertThat(P.withNvMemoryBytes(1).nvMemoryBytes()).isEqualTo(1);
  }

  @Test
  void thePumpRefusesAFaultThatDoesNotFitIt() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.typical(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)), new Recorder());
    long noise = HardwareParameters.Accuracy.TYPICAL.noisePpm();

    assertThatThrownBy(() -> pump.inject(new Fault.DeliveryBiasChange(0, 500_000 - noise + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds 500000");
    assertThatCode(() -> pump.inject(new Fault.DeliveryBiasChange(0, -(500_000 - noise)))).doesNotThrowAnyException();
    int size = pump.hal().memory().size();
    assertThatThrownBy(() -> pump.inject(new Fault.MemoryCorruption(0, size - 1, 2))).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatCode(() -> pump.inject(new Fault.MemoryCorruption(0, size - 2, 2))).doesNotThrowAnyException();
  }

  @Test
  void magneticFieldsAreRefusedInThePastOrWithoutStrengthOrDuration() {
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(new Recorder());
    pump.runUntil(MINUTE);

    assertThatThrownBy(() -> pump.magneticField(MINUTE - 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    assertThatThrownBy(() -> pump.magneticField(MINUTE, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pump.magneticField(MINUTE, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> pump.magneticField(MINUTE, 1, 1)).doesNotThrowAnyException();
  }

  @Test
  void aPumpThatIsOffRefusesFramesAndANegativeFillIsRefused() {
    SimulatedPump off = SimulatedPump.builder(PumpModels.ITB_20, "SN-0", 0)
        .firmware(new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE))).build();

    assertThatThrownBy(() -> off.receive(new byte[] {1})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> off.fillReservoir(Volume.ofNanolitres(-1), Pumps.C500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatedPump.builder(PumpModels.ITB_20, " ", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatedPump.builder(PumpModels.ITB_20, "SN", 0).rtcAtStartMillis(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(off.poweredOn()).isFalse();
    assertThat(SimulatedPump.builder(PumpModels.ITB_20, "SN", 0).rtcAtStartMillis(0)
        .firmware(new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE))).build().rtcMillis()).isZero();
  }
}
