-- Keys get a role: an admin key manages its organization's keys, a member key only uses the API.
-- Every key made before roles could manage keys, so existing keys stay admins.
ALTER TABLE api_key ADD COLUMN role VARCHAR(16) DEFAULT 'admin' NOT NULL;

-- key_prefix held the first 10 characters of every key, an operator-chosen bootstrap key
-- included (all of it when it was that short). Generated keys start with ob_; any other key was
-- configured, and shows a fixed label from now on.
UPDATE api_key SET key_prefix = 'configured' WHERE SUBSTRING(key_prefix FROM 1 FOR 3) <> 'ob_';

-- The per-organization key cap counts an organization's active keys.
CREATE INDEX api_key_organization ON api_key (organization_id, revoked_at);
