-- A 1-minute bar's coverage_ratio, quality_flag and coverage_grade follow from its tick_count alone
-- (02-observer.md, "1-minute bars"), so they are generated from it here, once: the loader's merge,
-- the rebuild and a hand repair cannot disagree. 120 ticks is full coverage (2 Hz x 60 s); the
-- thresholds compare tick counts, which is exact: normal >= 0.7 (84), degraded >= 0.5 (60), else
-- gap; grade A >= 0.9 (108), B >= 0.75 (90), C >= 0.5 (60), else D. A bar written without a tick
-- count has no ratio and is a gap of grade D.
--
-- A column cannot become generated in place: the three are dropped and added again, computed from
-- tick_count for the existing rows (the values they had: the loader used the same rule). Dropping
-- them would drop V11's covering index, which includes them; it is created again as it was.
DROP INDEX observer.idx_scalp_1m_bars_time;

ALTER TABLE observer.scalp_1m_bars
    DROP COLUMN coverage_ratio,
    DROP COLUMN quality_flag,
    DROP COLUMN coverage_grade;

ALTER TABLE observer.scalp_1m_bars
    ADD COLUMN coverage_ratio FLOAT
        GENERATED ALWAYS AS (least(tick_count, 120) / 120.0) STORED,
    ADD COLUMN quality_flag VARCHAR(20)
        GENERATED ALWAYS AS (CASE WHEN tick_count >= 84 THEN 'normal'
                                  WHEN tick_count >= 60 THEN 'degraded'
                                  ELSE 'gap' END) STORED,
    ADD COLUMN coverage_grade CHAR(1)
        GENERATED ALWAYS AS (CASE WHEN tick_count >= 108 THEN 'A'
                                  WHEN tick_count >= 90 THEN 'B'
                                  WHEN tick_count >= 60 THEN 'C'
                                  ELSE 'D' END) STORED;

-- V11's index, unchanged (serves Observer.minuteBars and the seed's scalp benchmark).
CREATE INDEX idx_scalp_1m_bars_time ON observer.scalp_1m_bars (bar_time DESC, symbol)
    INCLUDE (open, high, low, close, volume, coverage_ratio, quality_flag, coverage_grade,
             tick_count, session_id);
