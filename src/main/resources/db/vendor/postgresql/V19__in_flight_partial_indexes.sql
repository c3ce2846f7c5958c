-- Ingest (issue 17): the lease and staleness scans (LeaseRepository: EXPIRED_LEASES, STALE) only
-- ever look at requests in flight, yet both indexes took an entry for every uploaded row, and
-- upkeep of those two entries per row was about half the time of a 1,000,000-row COPY into
-- request (docs/benchmarks.md, "Ingest close to a bare COPY"). As partial indexes over the
-- in-flight statuses (StatusSql.IN_FLIGHT, the same literal list) an upload writes no entry in
-- them; a request enters them when it is claimed and leaves when its attempt ends.
-- PostgreSQL only (db/vendor/postgresql): H2 has no partial indexes and keeps the full ones.
DROP INDEX request_lease;
CREATE INDEX request_lease ON request (lease_until) WHERE status IN ('INITIATED', 'CONNECTED');
DROP INDEX request_in_flight_updated;
CREATE INDEX request_in_flight_updated ON request (updated_at) WHERE status IN ('INITIATED', 'CONNECTED');
