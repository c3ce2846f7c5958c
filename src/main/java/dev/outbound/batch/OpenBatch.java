package dev.outbound.batch;

/** A batch that has not ended, with what it counts toward: its campaign and its organization. */
public record OpenBatch(long pk, long campaignId, long organizationId) {}
