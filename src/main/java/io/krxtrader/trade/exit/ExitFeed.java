package io.krxtrader.trade.exit;

import io.krxtrader.krx.Symbol;
import io.krxtrader.market.BestPrice;
import io.krxtrader.market.BestPriceListener;
import io.krxtrader.market.PriceEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds PriceSync's committed best prices to the exit engine in the same process: {@link
 * #committed} (on a PriceSync writer thread) only notes the symbols; one thread of its own calls
 * {@link ExitEngine#priceChanged} for each, which reads the committed {@code prices_best} row.
 * Symbols noted again before their turn are evaluated once, on the newest price. One thread means
 * calls for a symbol never overlap.
 */
public final class ExitFeed implements BestPriceListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExitFeed.class);

  private final ExitEngine engine;
  private final Set<Symbol> pending = new LinkedHashSet<>();
  private final Thread thread;
  private boolean closed;
  private long evaluated;

  private ExitFeed(ExitEngine engine) {
    this.engine = engine;
    this.thread = Thread.ofPlatform().name("exit-feed").daemon().unstarted(this::run);
  }

  public static ExitFeed start(ExitEngine engine) {
    ExitFeed feed = new ExitFeed(engine);
    feed.thread.start();
    return feed;
  }

  @Override
  public synchronized void committed(List<PriceEvent> events, List<BestPrice> bests) {
    for (BestPrice best : bests) {
      pending.add(best.symbol());
    }
    notifyAll();
  }

  /**
   * Evaluates {@code symbols} again on their stored best prices although no new price came: the
   * rules that fire on time alone (TIME_EXIT at its hour) need a look when the market is quiet.
   */
  public synchronized void recheck(java.util.Collection<Symbol> symbols) {
    pending.addAll(symbols);
    notifyAll();
  }

  /** Symbol evaluations done so far (for tests and the status page). */
  public synchronized long evaluated() {
    return evaluated;
  }

  private void run() {
    while (true) {
      List<Symbol> batch;
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return;
        }
        batch = new ArrayList<>(pending);
        pending.clear();
      }
      for (Symbol symbol : batch) {
        try {
          engine.priceChanged(symbol);
        } catch (Exception e) {
          log.warn("exit evaluation failed [symbol={}, error={}]", symbol, e.toString());
        }
        synchronized (this) {
          evaluated++;
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
