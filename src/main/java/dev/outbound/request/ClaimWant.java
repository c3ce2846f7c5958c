package dev.outbound.request;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Up to {@code limit} due requests wanted from one batch.
 *
 * @param zones when not null, only requests whose stored time-zone set is one of these
 */
public record ClaimWant(long batchPk, int limit, @Nullable Collection<String> zones) {}
