// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatteryCellTest {
  private int depletions;

  private BatteryCell cell(long capacity, long idlePerHour) {
    return new BatteryCell(new HardwareParameters.Battery(capacity, idlePerHour, 0, 0, 0), 0, () -> depletions++);
  }

  @Test
  void drainingTheLastNanoampHourDepletesOnceAndLaterDrainsFail() {
    BatteryCell cell = cell(100, 0);

    assertThat(cell.drain(99)).isTrue();
    assertThat(cell.depleted()).isFalse();
    assertThat(cell.drain(1)).isFalse();
    assertThat(cell.depleted()).isTrue();
    assertThat(cell.drain(0)).isFalse();
    assertThat(cell.remainingNanoampHours()).isZero();
    assertThat(depletions).isEqualTo(1);
  }

  @Test
  void aDrainLargerThanTheRestEmptiesTheCell() {
    BatteryCell cell = cell(100, 0);

    assertThat(cell.drain(150)).isFalse();
    assertThat(cell.remainingNanoampHours()).isZero();
    assertThat(depletions).isEqualTo(1);
  }

  @Test
  void losingAllOfTheRemainingChargeDepletes() {
    BatteryCell cell = cell(1_000, 0);
    cell.loseFractionOfRemaining(500_000);
    assertThat(cell.remainingNanoampHours()).isEqualTo(500);

    cell.loseFractionOfRemaining(1_000_000);

    assertThat(cell.depleted()).isTrue();
    assertThat(depletions).isEqualTo(1);
  }

  @Test
  void centuriesOfIdleDrainEmptyTheCellWithoutOverflow() {
    BatteryCell cell = cell(650_000_000L, 8_000);

    cell.settleIdle(Long.MAX_VALUE / 2);

    assertThat(cell.depleted()).isTrue();
  }

  @Test
  void theGaugeFloorsToMicroampHours() {
    BatteryCell cell = cell(2_999, 0);

    assertThat(cell.remainingMicroampHours()).isEqualTo(2);
    assertThat(cell.capacityMicroampHours()).isEqualTo(2);
  }
}
