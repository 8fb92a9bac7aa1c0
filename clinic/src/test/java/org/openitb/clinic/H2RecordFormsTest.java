// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** The record forms' API on the embedded H2 file database. */
class H2RecordFormsTest extends RecordFormsContract {
  @Override
  ClinicConfig config() {
    return TestSupport.h2(TestSupport.tempDir("h2-forms"));
  }
}
