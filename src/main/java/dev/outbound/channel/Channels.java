package dev.outbound.channel;

import java.time.Instant;

/** The channel configured for each mode (OUTBOUND_CHANNELS_VOICE / _SMS / _EMAIL). */
public interface Channels {
    Channel forMode(Mode mode);

    /** Polls every configured channel (see {@link Channel#poll}). */
    void poll(Instant now);
}
