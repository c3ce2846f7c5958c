package dev.outbound.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A key as listed: never the key itself, only a prefix that reveals nothing secret. */
record ApiKeyView(
        long id,
        String keyPrefix,
        String userEmail,
        boolean superuser,
        KeyRole role,
        Instant createdAt,
        @Nullable Instant revokedAt) {}
