/**
 * Call list uploads: streams a CSV through FastCSV, normalises each target, marks repeated
 * reference ids as duplicates (and, for campaigns that skip duplicate targets, repeated people:
 * a {@code contact_id}, else a target) and bulk-loads the rows (COPY on PostgreSQL) in the same transaction
 * that records the upload on the batch, so an upload lands whole or not at all. Owns no table.
 */
@NullMarked
package dev.outbound.ingest;

import org.jspecify.annotations.NullMarked;
