package org.openitb.clinic;

class PostgresHardeningTest extends HardeningContract {
  @Override
  ClinicConfig config() {
    return TestSupport.postgres();
  }

  @Override
  boolean postgres() {
    return true;
  }
}
