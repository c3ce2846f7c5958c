package dev.outbound.policy;

import dev.outbound.contact.ContactLimit;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An organization's policy as {@code GET/PUT /policy} answer it; who changed it last and when are
 * null until it is first set.
 */
public record PolicyView(
        @Nullable ContactLimit contactLimit,
        @Nullable Instant updatedAt,
        @Nullable String updatedBy) {}
