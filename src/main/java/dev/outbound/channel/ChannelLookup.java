package dev.outbound.channel;

import org.jspecify.annotations.Nullable;

/**
 * What the provider says of an attempt whose outcome went missing (its node died, or a callback
 * never came).
 *
 * @param latest the attempt's latest state as an event; null when the provider never placed it
 */
public record ChannelLookup(@Nullable ChannelEvent latest) {
    public static final ChannelLookup NEVER_PLACED = new ChannelLookup(null);

    public boolean placed() {
        return latest != null;
    }
}
