package dev.outbound.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A key as listed: never the key itself, only its first characters. */
record ApiKeyView(
        long id,
        String keyPrefix,
        String userEmail,
        boolean superuser,
        Instant createdAt,
        @Nullable Instant revokedAt) {}
