-- Retries by outcome (issue 14). retry_rules is a JSON document keyed by channel status,
-- {"BUSY": {"count": 3, "interval": "10m"}}; null is none, so every outcome uses retry_count.
-- machine_outcome null reads as 'retry', what campaigns stored before it always did.
ALTER TABLE campaign ADD COLUMN retry_rules VARCHAR(4000);
ALTER TABLE campaign ADD COLUMN machine_outcome VARCHAR(8);
