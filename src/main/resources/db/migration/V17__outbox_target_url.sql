-- Two-way SMS (issue 15): an outbox event may go to an explicit URL (the campaign's agent SMS URL)
-- instead of a campaign webhook's. Such events use webhook_id = -campaign_id, so the per-webhook
-- concurrency of the claim applies per campaign, and channel_status holds their event type.
ALTER TABLE webhook_event ADD COLUMN target_url VARCHAR(2000);
