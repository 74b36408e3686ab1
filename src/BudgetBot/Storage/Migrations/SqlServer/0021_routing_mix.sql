-- Routing advice (issue 13 part 4): per hour, team, workflow, model and provider, the tokens by billing
-- class (cache writes 5-minute and 1-hour apart, as they are priced) and their cost, written in the
-- ingestion transaction (Routing/RoutingRollup) for events that name a workflow, so what-ifs never read
-- usage_events. Backfilled once from the events already stored. The key is nonclustered (its 1,700-byte
-- limit fits the names); the clustered index serves the window scans.
CREATE TABLE dbo.routing_mix (
    hour_ms BIGINT NOT NULL,
    team NVARCHAR(100) NOT NULL,
    workflow NVARCHAR(200) NOT NULL,
    model NVARCHAR(200) NOT NULL,
    provider NVARCHAR(40) NOT NULL,
    input_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    cache_read_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    cost_micros BIGINT NOT NULL,
    events BIGINT NOT NULL,
    unpriced_events BIGINT NOT NULL,
    CONSTRAINT pk_routing_mix PRIMARY KEY NONCLUSTERED (hour_ms, team, workflow, model, provider)
);
GO
CREATE CLUSTERED INDEX cx_routing_mix_hour ON dbo.routing_mix (hour_ms);
GO
INSERT INTO dbo.routing_mix (hour_ms, team, workflow, model, provider, input_tokens, output_tokens, cache_read_tokens,
                             cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, events, unpriced_events)
SELECT occurred_at_ms - (occurred_at_ms % 3600000), team, workflow, model, COALESCE(provider, N''), SUM(CAST(input_tokens AS BIGINT)),
       SUM(CAST(output_tokens AS BIGINT)), SUM(CAST(cache_read_tokens AS BIGINT)), SUM(CAST(cache_write_5m_tokens AS BIGINT)),
       SUM(CAST(cache_write_1h_tokens AS BIGINT)), SUM(cost_micros), COUNT_BIG(*), SUM(CAST(unpriced AS BIGINT))
FROM dbo.usage_events
WHERE workflow IS NOT NULL
GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, workflow, model, COALESCE(provider, N'');
