-- Routing advice (issue 13 part 4): per hour, team, workflow, model and provider, the tokens by billing
-- class (cache writes 5-minute and 1-hour apart, as they are priced) and their cost, written in the
-- ingestion transaction (Routing/RoutingRollup) for events that name a workflow, so what-ifs never read
-- usage_events. Backfilled once from the events already stored.
CREATE TABLE routing_mix (
    hour_ms INTEGER NOT NULL,
    team TEXT NOT NULL,
    workflow TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_tokens INTEGER NOT NULL,
    cache_write_5m_tokens INTEGER NOT NULL,
    cache_write_1h_tokens INTEGER NOT NULL,
    cost_micros INTEGER NOT NULL,
    events INTEGER NOT NULL,
    unpriced_events INTEGER NOT NULL,
    PRIMARY KEY (hour_ms, team, workflow, model, provider)
);

INSERT INTO routing_mix (hour_ms, team, workflow, model, provider, input_tokens, output_tokens, cache_read_tokens,
                         cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, events, unpriced_events)
SELECT occurred_at_ms - (occurred_at_ms % 3600000), team, workflow, model, COALESCE(provider, ''), SUM(input_tokens), SUM(output_tokens),
       SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(cost_micros), COUNT(*), SUM(unpriced)
FROM usage_events
WHERE workflow IS NOT NULL
GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, workflow, model, COALESCE(provider, '');
