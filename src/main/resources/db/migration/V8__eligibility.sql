-- Who must not be contacted, per organization. target_key is the normalised target: E.164 for
-- a phone number, the lower-cased address for email; the primary key is the one index the claim
-- probes, once per claimed request, whatever the list's size. Keys lead the indexes the claim
-- probes (here, in contact and in contact_attempt): with the organization first, a planner whose
-- statistics lag a fast-growing table scanned the whole organization instead (measured: 64 ms
-- instead of 5 ms for 120 people among 142,000).
CREATE TABLE suppression (
    organization_id  BIGINT NOT NULL REFERENCES organization (id),
    target_key       VARCHAR(320) NOT NULL,
    kind             VARCHAR(16) NOT NULL,
    source           VARCHAR(16) NOT NULL,
    reason           VARCHAR(1000),
    added_by         VARCHAR(320) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (target_key, organization_id)
);

-- Organization-wide rules that apply across all its campaigns (the stricter of this and a
-- campaign's own limit wins). contact_limit is a JSON document, like the campaign's.
CREATE TABLE organization_policy (
    organization_id  BIGINT PRIMARY KEY REFERENCES organization (id),
    contact_limit    VARCHAR(1000),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(320) NOT NULL
);

ALTER TABLE campaign ADD COLUMN contact_limit VARCHAR(1000);
ALTER TABLE campaign ADD COLUMN duplicate_targets VARCHAR(8);

-- One row per person an organization has tried to reach: claims lock it (FOR UPDATE, in key
-- order) before they count the person's attempts, so two nodes cannot both take a person's last
-- allowed attempt.
CREATE TABLE contact (
    organization_id  BIGINT NOT NULL,
    contact_key      VARCHAR(500) NOT NULL,
    PRIMARY KEY (contact_key, organization_id)
);

-- Every attempt a person got, across campaigns and batches, for rolling-window limits;
-- conversation_at is set when the attempt became a conversation (a completed call answered by a
-- person). An attempt taken back before it reached a channel leaves request_attempt and, by the
-- cascade, this ledger.
CREATE TABLE contact_attempt (
    request_id       BIGINT NOT NULL,
    attempt_no       INTEGER NOT NULL,
    organization_id  BIGINT NOT NULL,
    contact_key      VARCHAR(500) NOT NULL,
    attempted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    conversation_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (request_id, attempt_no),
    FOREIGN KEY (request_id, attempt_no) REFERENCES request_attempt (request_id, attempt_no) ON DELETE CASCADE
);
CREATE INDEX contact_attempt_recent ON contact_attempt (contact_key, organization_id, attempted_at);

-- Why a request was held back or skipped (a RequestReason name) and the rule that applied.
ALTER TABLE request ADD COLUMN reason VARCHAR(32);
ALTER TABLE request ADD COLUMN reason_detail VARCHAR(500);
