package io.krxtrader.portfolio;

import java.util.List;

/** A stored plan with its orders, as the plan commands print it. */
public record PlanView(
    long planId,
    String policyId,
    long snapshotId,
    PlanState state,
    String reason,
    List<OrderView> orders) {

  public PlanView {
    orders = List.copyOf(orders);
  }
}
