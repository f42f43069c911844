/**
 * The system module: leader election with fenced writes. Every acting module (exit, re-entry,
 * router, execution, portfolio, the observer's collectors, PriceSync's scan) elects its one leader
 * through {@link io.krxtrader.system.Leadership} and stamps each write with its {@link
 * io.krxtrader.system.Leadership.Term}, which the database refuses once a newer term began. Owns
 * {@code system.leader_terms} and {@code system.current_terms} (written by every electing module
 * through this package) and {@code system.process_locks}.
 */
package io.krxtrader.system;
