/**
 * The router (role {@code krx_router}): producer runs in ({@link
 * io.krxtrader.trade.router.PickIntake}, one validator behind the CLI, the watched folder {@link
 * io.krxtrader.trade.router.PicksInbox} and {@link io.krxtrader.trade.router.PicksHttpHandler}),
 * then, on the leader, gated and merged decisions and ENTRY intents ({@link
 * io.krxtrader.trade.router.Router}). Owns {@code trade.picks}, {@code trade.pick_decisions},
 * {@code trade.pick_runs} and {@code trade.pick_producers}. The run format is {@code
 * docs/pick-run.schema.json}.
 */
package io.krxtrader.trade.router;
