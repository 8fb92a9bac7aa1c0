// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.time.Clock;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.testing.EmbeddedDatabases;

/** Fresh clinic databases for the cli's tests (see the clinic's {@link EmbeddedDatabases}): H2 files, or embedded PostgreSQL. */
final class TestDatabases {
  static final Clock CLOCK = EmbeddedDatabases.CLOCK;

  private TestDatabases() {}

  static ClinicConfig h2() {
    return EmbeddedDatabases.h2(EmbeddedDatabases.tempDir("cli-h2"), CLOCK);
  }

  /** A new, empty database in this JVM's embedded PostgreSQL (started on first use, stopped at exit). */
  static ClinicConfig postgres() {
    return EmbeddedDatabases.postgres("clinic_cli", CLOCK);
  }
}
