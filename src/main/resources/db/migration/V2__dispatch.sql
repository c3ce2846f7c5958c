-- Attempts a campaign made on each campaign-local day, for max_daily_calls across its batches.
CREATE TABLE campaign_day_count (
    campaign_id  BIGINT NOT NULL,
    local_day    DATE NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, local_day)
);

-- Claims look for a batch's waiting requests that are due; in-flight ones are found by lease.
CREATE INDEX request_lease ON request (status, lease_until);
