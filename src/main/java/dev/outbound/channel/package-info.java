/**
 * Channels reach people: one {@link dev.outbound.channel.Channel} per provider (the built-in
 * simulator; Twilio voice and SMS with its signed status callbacks and shared calls-per-second
 * slots; SMTP email; SendGrid email with its signed Event Webhook), chosen per mode by configuration. A channel accepts an
 * attempt and reports what happens to it later, as {@link dev.outbound.channel.ChannelEvent}s, to
 * the listener it was given. It knows nothing of batches, counters or retries.
 *
 * <p>It owns the vocabulary of reaching people, since channels are what produce it: the
 * {@link dev.outbound.channel.Mode} (voice, SMS or email: which kind of channel),
 * {@link dev.outbound.channel.ChannelManagerStatus} (what a channel says about an attempt, in
 * the contract's spelling) and {@link dev.outbound.channel.CampaignDelivery} (what an attempt
 * needs of its campaign). So it depends on no other capability, and campaigns, requests,
 * dispatch and webhooks use these types instead of strings.
 */
@NullMarked
package dev.outbound.channel;

import org.jspecify.annotations.NullMarked;
