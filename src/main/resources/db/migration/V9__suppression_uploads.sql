-- The suppression list is shown newest first (then by target, for a stable order); without this
-- index every page of a list of millions sorts the whole list. target_key is in it because an
-- upload gives a million entries one created_at: ordered by the index alone, a page reads 25.
CREATE INDEX suppression_recent ON suppression (organization_id, created_at, target_key);

-- One row per organization that uploads suppression lists: an upload adds to its count first,
-- which locks the row for the upload's transaction, so two uploads of one organization take
-- turns (on every node) and each counts exactly what it added.
CREATE TABLE suppression_upload (
    organization_id  BIGINT PRIMARY KEY REFERENCES organization (id),
    uploads          BIGINT NOT NULL
);

-- No foreign key from suppression to organization, as request has none to batch: its per-row
-- check took 5.7 of 15 s when a 1,000,000-row upload merged into the list (docs/benchmarks.md).
-- Entries are only written for the caller's own, existing organization. PostgreSQL named it
-- after the table and column; H2 gives foreign keys generated names, so there it stays.
ALTER TABLE suppression DROP CONSTRAINT IF EXISTS suppression_organization_id_fkey;
