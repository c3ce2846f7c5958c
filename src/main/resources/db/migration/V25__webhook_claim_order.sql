-- Issue 17: the claim takes a webhook's due events in (next_attempt_at, id) order and stops after
-- its limit; with id in the index that order is the index's own, so no sort over every due event
-- (with a backlog of 100,000 events the sort read them all, per claim).
DROP INDEX webhook_event_claim;
CREATE INDEX webhook_event_claim ON webhook_event (status, webhook_id, next_attempt_at, id);
-- Nothing reads by (status, next_attempt_at) since claims go webhook by webhook (V6): the index
-- only cost a write on every insert, lease and result.
DROP INDEX webhook_event_due;
