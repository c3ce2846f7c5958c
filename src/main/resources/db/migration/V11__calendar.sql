-- The calling calendar (issue 14). Restricted dates and recipient rules are JSON documents in the
-- API's own shape, [{"start": "2026-12-24", "end": "2026-12-26", "name": "Christmas"}] and
-- [{"region": "US-FL", "daily_start_time": "08:00", ...}]; null is none. max_concurrent null is
-- no limit on attempts in progress at once.
ALTER TABLE campaign ADD COLUMN restricted_dates VARCHAR(20000);
ALTER TABLE campaign ADD COLUMN max_concurrent INTEGER;
ALTER TABLE organization_policy ADD COLUMN restricted_dates VARCHAR(20000);
ALTER TABLE organization_policy ADD COLUMN recipient_rules VARCHAR(100000);
ALTER TABLE organization_policy ADD COLUMN max_concurrent INTEGER;
