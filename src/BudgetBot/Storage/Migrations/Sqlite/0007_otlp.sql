-- OTLP receiver state. usage_session_claims: which channel (OTLP metrics, logs, traces or a transcript
-- import) first reported spend for an agent session; the others are dropped for that session so the
-- same spend is counted once. otlp_series: the last point of each CUMULATIVE metric series, so the
-- next point can be turned into a delta. Values are scaled by 1,000,000 (micro-dollars, micro-tokens).
CREATE TABLE usage_session_claims (
    session_id TEXT NOT NULL PRIMARY KEY,
    channel TEXT NOT NULL,
    claimed_at_ms INTEGER NOT NULL
);

CREATE TABLE otlp_series (
    series_key TEXT NOT NULL PRIMARY KEY,
    start_unix_nano INTEGER NOT NULL,
    time_unix_nano INTEGER NOT NULL,
    value_micros INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
