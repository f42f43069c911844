package io.krxtrader.trade.router;

/**
 * One gate's answer, as a value. {@code Wait} is gate 3's "not yet" (before the entry window, or no
 * fresh price yet while the price deadline has not passed): the picks stay ACTIVE and are looked at
 * again on the next pass. The text form is what {@code trade.pick_decisions.gateN_result} holds.
 */
sealed interface Gate {

  String text();

  record Pass() implements Gate {
    @Override
    public String text() {
      return "PASS";
    }
  }

  record Fail(String reason, String detail) implements Gate {
    @Override
    public String text() {
      return "FAIL " + reason + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  record Wait(String reason, String detail) implements Gate {
    @Override
    public String text() {
      return "WAIT " + reason + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  static Gate fail(String reason, String detail) {
    return new Fail(reason, detail);
  }
}
