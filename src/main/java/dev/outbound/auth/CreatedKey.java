package dev.outbound.auth;

import java.time.Instant;

/** A newly created key: the only response that ever contains the clear key. */
record CreatedKey(
        long id,
        long organizationId,
        String apiKey,
        String userEmail,
        boolean superuser,
        KeyRole role,
        Instant createdAt) {}
