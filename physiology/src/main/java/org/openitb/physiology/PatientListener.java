// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/**
 * Stage changes of one patient, reported at their exact instants (found in closed form, never on
 * a time grid), in time order, during {@link Patient#advanceTo(long)} and the calls that advance.
 */
public interface PatientListener {
  PatientListener NONE = (atMillis, withdrawal, overdose) -> {};

  /** The withdrawal or overdose stage (or both) changed at {@code atMillis}; the new stages. */
  void onStageChange(long atMillis, WithdrawalStage withdrawal, OverdoseStage overdose);
}
