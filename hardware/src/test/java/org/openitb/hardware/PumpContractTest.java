// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.hardware.Pumps.DAY;
import static org.openitb.hardware.Pumps.HOUR;
import static org.openitb.hardware.Pumps.MINUTE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.hal.Hal;
import org.openitb.firmware.hal.Interrupts;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.Volume;

class PumpContractTest {
  @Test
  void theVirtualClockOnlyMovesForward() {
    VirtualClock clock = new VirtualClock(100);
    clock.advanceTo(100);
    clock.advanceTo(250);

    assertThat(clock.nowMillis()).isEqualTo(250);
    assertThatThrownBy(() -> clock.advanceTo(249)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("249");
  }

  @Test
  void thePumpRefusesToRunBackwardsOrBeforePowerOn() {
    SimulatedPump off = SimulatedPump.builder(PumpModels.ITB_20, "SN-0", 0)
        .firmware(new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE))).build();
    assertThatThrownBy(() -> off.runUntil(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("powerOn");

    SimulatedPump pump = Pumps.idealStrokingEveryMinute(new Recorder());
    pump.runUntil(HOUR);
    assertThatThrownBy(() -> pump.runUntil(HOUR - 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(pump::powerOn).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBuilderWithoutFirmwareIsRefused() {
    assertThatThrownBy(() -> SimulatedPump.builder(PumpModels.ITB_20, "SN-0", 0).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("firmware");
  }

  @Test
  void faultsApplyAtTheirInstantBeforeAWakeAtTheSameMillisecondAndNeverInThePast() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(recorder);
    pump.inject(FaultPlan.of(new Fault.MotorStall(2 * MINUTE, 1), new Fault.RadioLoss(90_000, 0)));

    assertThat(pump.nextWakeMillis()).isEqualTo(MINUTE);
    pump.runUntil(MINUTE);
    assertThat(pump.nextWakeMillis()).isEqualTo(90_000);
    pump.runUntil(3 * MINUTE);

    assertThat(recorder.events).containsExactly(
        "0 reset POWER_ON",
        "90000 fault RadioLoss",
        2 * MINUTE + " fault MotorStall",
        2 * MINUTE + " stall JAMMED");
    assertThatThrownBy(() -> pump.inject(new Fault.BrownOutReset(MINUTE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
  }

  @Test
  void eventsAtTheSameMillisecondRunInTheOrderTheyWereScheduled() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(recorder);
    pump.inject(new Fault.RadioLoss(MINUTE, 0));
    pump.inject(new Fault.MotorStall(MINUTE, 1));
    pump.inject(new Fault.BrownOutReset(MINUTE));
    pump.inject(new Fault.FeedthroughShort(MINUTE, 1));

    pump.runUntil(MINUTE);

    assertThat(recorder.events).containsExactly(
        "0 reset POWER_ON",
        MINUTE + " fault RadioLoss",
        MINUTE + " fault MotorStall",
        MINUTE + " fault BrownOutReset",
        MINUTE + " reset BROWN_OUT",
        MINUTE + " fault FeedthroughShort");
    assertThat(pump.poweredOn()).isTrue();
    assertThat(pump.nextWakeMillis()).isEqualTo(2 * MINUTE); // the rebooted firmware's first wake
  }

  @Test
  void aFaultPlanKeepsTimeOrder() {
    FaultPlan plan = FaultPlan.of(new Fault.BrownOutReset(5), new Fault.FirmwareHang(1)).with(new Fault.FirmwareHang(3));

    assertThat(plan.faults()).extracting(Fault::atMillis).containsExactly(1L, 3L, 5L);
  }

  @Test
  void faultRecordsRefuseValuesOutsideTheirRange() {
    assertThatThrownBy(() -> new Fault.MemoryBitFlip(0, 0, 8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bit 8");
    assertThatThrownBy(() -> new Fault.PocketFill(0, 1_000_001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fault.RtcDrift(0, -1_000_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fault.MotorRunaway(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fault.MotorStall(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HardwareParameters.Accuracy(400_000, 100_000, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void firmwareThatNeverSleepsIsStoppedWithAnExplanation() {
    SimulatedPump pump = SimulatedPump.builder(PumpModels.ITB_20, "SN-L", 0)
        .firmware(hal -> new Interrupts() {
          @Override
          public void onReset() {
            hal.rtc().wakeAt(0);
          }

          @Override
          public void onWake() {
            hal.rtc().wakeAt(0);
          }

          @Override
          public void onRadioFrame(byte[] frame) {}

          @Override
          public void onMagnetChange(boolean fieldPresent) {}
        })
        .build();
    pump.powerOn();

    assertThatThrownBy(() -> pump.runUntil(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("never sleeps");
  }

  @Test
  void aListenerCannotReenterThePump() {
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(new Recorder());
    pump.setListener(new PhysicalListener() {
      @Override
      public void onStroke(long atMillis, long volumeNanolitres, long massNanograms, boolean commanded) {
        pump.receive(new byte[] {1});
      }
    });

    assertThatThrownBy(() -> pump.runUntil(MINUTE)).isInstanceOf(IllegalStateException.class).hasMessageContaining("re-entered");

    SimulatedPump[] booting = new SimulatedPump[1];
    booting[0] = SimulatedPump.builder(PumpModels.ITB_20, "SN-B", 0)
        .firmware(new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)))
        .listener(new PhysicalListener() {
          @Override
          public void onReset(long atMillis, ResetCause cause) {
            booting[0].runUntil(1);
          }
        })
        .build();
    assertThatThrownBy(booting[0]::powerOn).isInstanceOf(IllegalStateException.class).hasMessageContaining("re-entered");
  }

  @Test
  void theSameSeedAndInputsGiveTheSameTruthBitForBit() {
    assertThat(truthAfterAMonth(77)).isEqualTo(truthAfterAMonth(77));
    assertThat(truthAfterAMonth(77)).isNotEqualTo(truthAfterAMonth(78));
  }

  private static List<Object> truthAfterAMonth(long seed) {
    HardwareParameters params = HardwareParameters.typical()
        .withMotor(new HardwareParameters.Motor(200, 50_000_000))
        .withRadioLossPpm(100_000)
        .withFluidPathVolume(Volume.ofMicrolitres(250));
    SimulatedPump pump = Pumps.filled(params, seed, new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(36_000).echoing()), new Recorder());
    pump.magneticField(3 * DAY, HOUR, 1_500);
    for (long day = 1; day <= 30; day++) {
      pump.runUntil(day * DAY);
      pump.receive(new byte[] {(byte) day});
    }
    return List.of(pump.trueDeliveredVolume(), pump.trueDeliveredMass(), pump.trueReservoirVolume(), pump.stalls(),
        pump.framesLost(), pump.batteryRemainingNanoampHours(), pump.biasPpm());
  }

  @Test
  void theFirmwareFactoryGetsTheHalThePumpExposes() {
    Hal[] seen = new Hal[1];
    FakeFirmware.Factory fake = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE));
    SimulatedPump pump = SimulatedPump.builder(PumpModels.ITB_20, "SN-H", 0)
        .firmware(hal -> {
          seen[0] = hal;
          return fake.apply(hal);
        })
        .build();
    pump.powerOn();

    assertThat(seen[0]).isSameAs(pump.hal());
    assertThat(pump.resets()).isEqualTo(1);
  }
}
