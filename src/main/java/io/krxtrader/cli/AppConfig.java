package io.krxtrader.cli;

import io.krxtrader.config.Settings;
import io.krxtrader.db.DatabaseConfig;
import io.krxtrader.kis.KisConfig;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.observer.ObserverConfig;
import io.krxtrader.observer.live.CollectorConfig;
import io.krxtrader.sim.SimulatorConfig;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.reentry.ReentryConfig;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.router.RouterConfig;
import io.krxtrader.web.WebConfig;
import java.nio.file.Path;

/**
 * Every module's configuration, built and validated once at start-up. A key that no record reads is
 * an error, so a typo in the config file cannot silently fall back to a default.
 *
 * @param home krx-trader's home directory (key {@code home}): data, secrets, token cache
 * @param kis how to reach KIS (keys {@code kis.*}); by default the built-in simulator
 * @param simulator how the built-in simulator runs (keys {@code sim.*})
 * @param observer where the collectors' files live and how they load (keys {@code observer.*})
 * @param market PriceSync (keys {@code market.*})
 * @param collectors what the live collectors collect (keys {@code observer.scalp-symbols}, ...)
 * @param exit the exit rules (keys {@code exit.*})
 * @param reentry the re-entry rules (keys {@code reentry.*})
 * @param router the router (keys {@code router.*})
 * @param risk the risk gate's limits (keys {@code risk.*})
 * @param web the operator surface: where it listens and its token (keys {@code web.*})
 */
public record AppConfig(
    Path home,
    DatabaseConfig database,
    KisConfig kis,
    SimulatorConfig simulator,
    ObserverConfig observer,
    MarketConfig market,
    CollectorConfig collectors,
    ExitConfig exit,
    ReentryConfig reentry,
    RouterConfig router,
    RiskConfig risk,
    WebConfig web) {

  public static final String HOME = "home";

  public static Path defaultHome() {
    return Path.of(System.getProperty("user.home"), ".krx-trader");
  }

  public static AppConfig load(Settings settings) {
    Path home = settings.path(HOME, defaultHome());
    AppConfig config =
        new AppConfig(
            home,
            DatabaseConfig.from(settings, home),
            KisConfig.from(settings, home),
            SimulatorConfig.from(settings),
            ObserverConfig.from(settings, home),
            MarketConfig.from(settings),
            CollectorConfig.from(settings),
            ExitConfig.from(settings),
            ReentryConfig.from(settings),
            RouterConfig.from(settings, home),
            RiskConfig.from(settings),
            WebConfig.from(settings, home));
    settings.rejectUnknownKeys();
    return config;
  }
}
