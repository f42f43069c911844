package io.krxtrader.cli;

import io.krxtrader.db.Database;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.observer.Observer;
import io.krxtrader.portfolio.Portfolio;
import io.krxtrader.trade.router.PickIntake;
import io.krxtrader.web.Web;
import io.krxtrader.web.WebConfig;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Wires the operator surface ({@link Web}) from a command's context: {@code serve} runs it alone;
 * {@code run} and {@code demo} call {@link #start} beside the trading modules unless {@code
 * --no-web}. The surface is closed with the context.
 */
final class WebSurface {

  private WebSurface() {}

  /**
   * Starts the surface on the migrated database (the configured port, or {@code port} when given; 0
   * picks a free one) and prints its URL and where its token is.
   */
  static Web start(AppContext context, Optional<Integer> port, PrintWriter out) {
    AppConfig config = context.config();
    Database db = context.migratedDatabase();
    WebConfig web = port.map(config.web()::withPort).orElse(config.web());
    Web.Modules modules =
        new Web.Modules(
            db,
            new Observer(db, config.observer(), context.clock()),
            new Portfolio(
                db,
                context.clock(),
                config.market().staleness().staleAfter(),
                Universe.defaultUniverse(),
                TradingCalendar.krx()),
            Optional.of(new PickIntake(db, config.router().parser(), context.clock())));
    Web started = context.closeLater(Web.start(web, modules, context.clock()));
    out.println("operator surface at " + started.url());
    out.println("token for halt, resume and the other actions: " + started.tokenSource());
    out.flush();
    return started;
  }
}
