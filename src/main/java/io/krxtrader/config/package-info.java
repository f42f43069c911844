/**
 * Configuration: one layered key/value view ({@link io.krxtrader.config.Settings}) over defaults,
 * the config file, environment variables and command-line flags (flags win), from which each module
 * builds its own immutable, validated config record. Secrets come only from the environment or an
 * owner-only secrets file. Depends on nothing else in krx-trader.
 */
package io.krxtrader.config;
