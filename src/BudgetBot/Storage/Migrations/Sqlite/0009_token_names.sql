-- Active token names are unique, so `tokens revoke NAME` names one token. Older duplicates keep their
-- hashes and scopes and get their id appended to the name.
UPDATE api_tokens SET name = name || ' #' || id
WHERE revoked_at_ms IS NULL
  AND EXISTS (SELECT 1 FROM api_tokens o WHERE o.name = api_tokens.name AND o.revoked_at_ms IS NULL AND o.id < api_tokens.id);

CREATE UNIQUE INDEX ux_api_tokens_active_name ON api_tokens (name) WHERE revoked_at_ms IS NULL;
