-- Extension field agent_url: where the voice provider fetches the agent's TwiML for a campaign.
ALTER TABLE campaign ADD COLUMN agent_url VARCHAR(2048);

-- One row per Twilio account: the earliest instant the next call may be created, shared by
-- every node so the account's calls-per-second limit holds across the cluster.
CREATE TABLE twilio_pace (
    account_sid  VARCHAR(64) PRIMARY KEY,
    next_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Reconciliation looks for in-flight requests that have not changed for a while.
CREATE INDEX request_in_flight_updated ON request (status, updated_at);

-- What the channel said when an attempt ended (e.g. Twilio's message for a refused number).
ALTER TABLE request_attempt ADD COLUMN detail VARCHAR(1000);
