package io.krxtrader.sim;

/** The broker's answer to an order request: accepted with the order row, or rejected. */
record BrokerAnswer(boolean accepted, String rtCd, String msgCd, String message, SimOrder order) {

  static BrokerAnswer accepted(SimOrder order, String msgCd, String message) {
    return new BrokerAnswer(true, "0", msgCd, message, order);
  }

  static BrokerAnswer rejected(String msgCd, String message) {
    return new BrokerAnswer(false, "1", msgCd, message, null);
  }

  static BrokerAnswer invalid(String field) {
    return new BrokerAnswer(false, "2", "OPSQ2001", "ERROR : INPUT INVALID_CHECK_" + field, null);
  }
}
