/**
 * Channels reach people: one {@link dev.outbound.channel.Channel} per provider (the built-in
 * simulator; Twilio voice and SMS with its signed status callbacks and shared calls-per-second
 * slots), chosen per mode by configuration. A channel accepts an
 * attempt and reports what happens to it later, as {@link dev.outbound.channel.ChannelEvent}s, to
 * the listener it was given. It knows nothing of batches, counters or retries.
 */
@NullMarked
package dev.outbound.channel;

import org.jspecify.annotations.NullMarked;
