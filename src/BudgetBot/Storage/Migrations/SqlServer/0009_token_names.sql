-- Active token names are unique, so `tokens revoke NAME` names one token. Older duplicates keep their
-- hashes and scopes and get their id appended to the name.
UPDATE t SET name = CONCAT(LEFT(t.name, 180), N' #', t.id)
FROM dbo.api_tokens t
WHERE t.revoked_at_ms IS NULL
  AND EXISTS (SELECT 1 FROM dbo.api_tokens o WHERE o.name = t.name AND o.revoked_at_ms IS NULL AND o.id < t.id);
GO
CREATE UNIQUE INDEX ux_api_tokens_active_name ON dbo.api_tokens (name) WHERE revoked_at_ms IS NULL;
GO
