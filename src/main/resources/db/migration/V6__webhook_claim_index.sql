-- Claims find the webhooks with pending events by a loose scan of this index (one probe per
-- webhook), then take each webhook's due events in next_attempt_at order from it. Delivered and
-- dead events (kept for the delivery log) sit under other status values and are never read.
CREATE INDEX webhook_event_claim ON webhook_event (status, webhook_id, next_attempt_at);
