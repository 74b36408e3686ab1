-- One canonical model per price entry (issue 11 part 4): `model` holds the canonical id every
-- report groups by ("claude-sonnet-4-5"); `model_raw` keeps the id the source sent
-- ("us.anthropic.claude-sonnet-4-5-20250929-v1:0"). NULL on rows stored before: model is raw there.
ALTER TABLE usage_events ADD COLUMN model_raw TEXT NULL;
