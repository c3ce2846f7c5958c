/**
 * Campaigns: the rules a batch is dialled under (mode, hours, days, time zone, rate, retries,
 * line-type filters, voicemail detection) and the webhooks that report outcomes. Owns the
 * {@code campaign} and {@code campaign_webhook} tables, the campaign endpoints of the contract,
 * and the encryption of webhook secrets at rest. Other capabilities read a campaign through
 * {@link dev.outbound.campaign.Campaigns#rules}; a campaign is only deleted when every
 * {@link dev.outbound.campaign.CampaignDeletionGuard} agrees.
 */
@NullMarked
package dev.outbound.campaign;

import org.jspecify.annotations.NullMarked;
