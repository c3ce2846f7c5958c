package dev.outbound.campaign;

/** A campaign's webhooks were written (created, replaced or deleted); caches of them are stale. */
public record CampaignWebhooksChanged(long campaignId) {}
