// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;

/** The record forms' API on the embedded H2 file database. */
class H2RecordFormsTest extends RecordFormsContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.h2(TestSupport.tempDir("h2-forms"));
  }
}
