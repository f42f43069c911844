package io.krxtrader.cli;

import io.krxtrader.config.Settings;
import io.krxtrader.db.DatabaseConfig;
import io.krxtrader.market.MarketConfig;
import java.nio.file.Path;

/**
 * Every module's configuration, built and validated once at start-up. A key that no record reads is
 * an error, so a typo in the config file cannot silently fall back to a default.
 *
 * @param home krx-trader's home directory (key {@code home}): data, secrets, token cache
 * @param market PriceSync (keys {@code market.*})
 */
public record AppConfig(Path home, DatabaseConfig database, MarketConfig market) {

  public static final String HOME = "home";

  public static Path defaultHome() {
    return Path.of(System.getProperty("user.home"), ".krx-trader");
  }

  public static AppConfig load(Settings settings) {
    Path home = settings.path(HOME, defaultHome());
    AppConfig config =
        new AppConfig(home, DatabaseConfig.from(settings, home), MarketConfig.from(settings));
    settings.rejectUnknownKeys();
    return config;
  }
}
