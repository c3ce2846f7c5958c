-- The suppression list is shown newest first; without this index every page of a list of
-- millions sorts the whole list.
CREATE INDEX suppression_recent ON suppression (organization_id, created_at);

-- One row per organization that uploads suppression lists: an upload adds to its count first,
-- which locks the row for the upload's transaction, so two uploads of one organization take
-- turns (on every node) and each counts exactly what it added.
CREATE TABLE suppression_upload (
    organization_id  BIGINT PRIMARY KEY REFERENCES organization (id),
    uploads          BIGINT NOT NULL
);
