package dev.outbound.campaign;

import java.time.Instant;

/** A stored campaign; {@code version} guards against lost updates. */
record Campaign(
        long id,
        long organizationId,
        CampaignSettings settings,
        Instant createdAt,
        Instant updatedAt,
        String lastUpdatedBy,
        int version) {}
