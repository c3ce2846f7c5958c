package dev.outbound.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a person has had from an organization lately: when each attempt started, and the latest
 * conversation. A claim adds the attempts it admits, so two requests for one person in the same
 * claim are counted against each other.
 */
public record ContactHistory(
        List<Instant> attempts, @Nullable Instant lastConversation) {
    public static ContactHistory none() {
        return new ContactHistory(new ArrayList<>(), null);
    }

    ContactHistory withConversation(Instant at) {
        return lastConversation != null && lastConversation.isAfter(at) ? this : new ContactHistory(attempts, at);
    }

    /** Counts one more attempt, made at {@code at}. */
    public void attempted(Instant at) {
        attempts.add(at);
    }
}
