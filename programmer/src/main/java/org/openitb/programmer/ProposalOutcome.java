// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/** The answer to a proposal: a {@link Preview} to review and commit, or a refusal (nothing changed). */
public sealed interface ProposalOutcome permits Preview, Outcome.Refused {}
