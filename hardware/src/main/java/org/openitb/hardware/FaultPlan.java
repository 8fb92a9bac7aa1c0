// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of faults to inject into one pump, kept in time order (faults at the same instant keep
 * the order given). Inject with {@link SimulatedPump#inject(FaultPlan)}.
 */
public record FaultPlan(List<Fault> faults) {
  public static final FaultPlan NONE = new FaultPlan(List.of());

  public FaultPlan {
    List<Fault> sorted = new ArrayList<>(faults);
    sorted.sort(Comparator.comparingLong(Fault::atMillis)); // stable: equal instants keep their order
    faults = List.copyOf(sorted);
  }

  public static FaultPlan of(Fault... faults) {
    return new FaultPlan(List.of(faults));
  }

  /** This plan with {@code fault} added. */
  public FaultPlan with(Fault fault) {
    List<Fault> more = new ArrayList<>(faults);
    more.add(fault);
    return new FaultPlan(more);
  }
}
