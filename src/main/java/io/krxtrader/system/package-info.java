/**
 * The system module: leader election with fenced writes, and the kill switch ({@link
 * io.krxtrader.system.Halt}). Every acting module (exit, re-entry, router, execution, portfolio,
 * the observer's collectors, PriceSync's scan) elects its one leader through {@link
 * io.krxtrader.system.Leadership} and stamps each write with its {@link
 * io.krxtrader.system.Leadership.Term}, which the database refuses once a newer term began. Owns
 * {@code system.leader_terms} and {@code system.current_terms} (written by every electing module
 * through this package), {@code system.process_locks}, {@code system.halt_events} and {@code
 * system.halt_state} (written by {@code halt} and {@code resume} as {@code krx_system}) and {@code
 * system.refused_actions} (written by the modules a halt refused).
 */
package io.krxtrader.system;
