package io.krxtrader.kis;

import java.time.Instant;

/**
 * Something on the WebSocket that could not be used: a malformed frame, an undecryptable notice, an
 * error answer to a registration. The stream goes on. {@code excerpt} is the start of the raw frame
 * (never decrypted notice content, which names the account holder).
 */
public record StreamProblem(Instant at, String what, String excerpt) {}
