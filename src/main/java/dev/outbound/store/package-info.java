/**
 * What the repositories share: the {@link dev.outbound.store.Dialect} seam that hides the few
 * differences between PostgreSQL and the embedded H2 store (bulk loading with COPY versus batched
 * INSERT, counter upserts, counted bulk transitions), instant conversion, and the SQL for the
 * contract's list parameters. It owns no table.
 */
@NullMarked
package dev.outbound.store;

import org.jspecify.annotations.NullMarked;
