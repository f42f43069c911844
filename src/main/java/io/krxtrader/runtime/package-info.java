/**
 * The runtime: the trading modules wired and running in one process. {@link
 * io.krxtrader.runtime.TradingModules} starts each chosen module (exit, re-entry, router,
 * execution, portfolio) on a {@link io.krxtrader.runtime.ModuleLoop}: the module's {@link
 * io.krxtrader.system.Leadership} ticked every 5 s, its work done only while it leads, stopped at
 * once when a write finds the term over, and stepped down on close. A second process with the same
 * modules on the same database is a hot standby. It may use every module except the command line
 * ({@code cli}) and the dashboard ({@code web}); {@code cli} parses arguments and calls it.
 */
package io.krxtrader.runtime;
