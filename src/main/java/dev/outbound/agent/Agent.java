package dev.outbound.agent;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An agent as the API shows it.
 *
 * @param voiceUrl where an answered call is handed over (TwiML)
 * @param smsUrl where the replies to a text are forwarded
 * @param sipUri where the SIP channel joins an answered call (sip: or sips: URI)
 */
public record Agent(
        long id,
        String name,
        @Nullable String voiceUrl,
        @Nullable String smsUrl,
        @Nullable String sipUri,
        Instant createdAt,
        Instant updatedAt) {}
