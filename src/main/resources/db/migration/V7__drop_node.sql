-- The heartbeat table of the first schema was never read or written: dead claims are found by
-- their expired leases (request.lease_until), so nothing needs to know which nodes are alive.
DROP TABLE node;
