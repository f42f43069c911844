-- Indexes for the observer's query API and the seed's benchmark queries (section 5.2).

-- serves Observer.minuteBars and the seed's scalp benchmark (an hour of bars of every symbol,
-- newest first, then by symbol): the order comes from the index, and every column the API reads is
-- in it, so a vacuumed table answers with an index-only scan. Replaces V5's index of the same name
-- on (bar_time DESC) alone, a prefix of this one.
DROP INDEX observer.idx_scalp_1m_bars_time;
CREATE INDEX idx_scalp_1m_bars_time ON observer.scalp_1m_bars (bar_time DESC, symbol)
    INCLUDE (open, high, low, close, volume, coverage_ratio, quality_flag, coverage_grade,
             tick_count, session_id);

-- serves Observer.swingBars and the seed's swing benchmark (some symbols, ORDER BY symbol,
-- bar_time DESC LIMIT 100): the primary key runs bar_time ascending, so a LIMIT could not stop
-- early and every row of the range was read and sorted.
CREATE INDEX idx_swing_10m_symbol_time_desc ON observer.swing_bars_10m (symbol, bar_time DESC);
