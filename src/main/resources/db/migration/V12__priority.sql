-- Capacity (issue 14): one row per campaign or organization that limits its attempts in progress
-- (max_concurrent). A claim locks the rows of the limits it is about to count, campaigns before
-- organizations and both before any contact row, so two nodes never both take the last place.
CREATE TABLE capacity_lock (
    scope     VARCHAR(16) NOT NULL,
    owner_id  BIGINT NOT NULL,
    PRIMARY KEY (scope, owner_id)
);

-- Priority (issue 14): the request variable priority, higher first. A batch is marked prioritized
-- when any of its rows has a priority other than 0, and only such batches are claimed by priority;
-- the others keep the claim that request_claim serves.
ALTER TABLE request ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch ADD COLUMN prioritized BOOLEAN NOT NULL DEFAULT FALSE;
