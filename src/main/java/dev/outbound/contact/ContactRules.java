package dev.outbound.contact;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a person may be attempted now under every limit that applies (a campaign's and its
 * organization's), and if not, until when and why. Each attempt rule is a rolling window: with at
 * most {@code m} attempts in {@code d} days, the next is allowed {@code d} days after the attempt
 * that would otherwise be the {@code m}-th in the window. When several rules hold a person back,
 * the one that ends last is the answer.
 */
public final class ContactRules {
    private ContactRules() {}

    /** Why a person is held back: too many attempts, or a quiet period after a conversation. */
    public enum Cause {
        ATTEMPTS,
        CONVERSATION
    }

    public record Held(Instant until, Cause cause, String detail) {}

    public static Optional<Held> check(List<ContactLimit> limits, ContactHistory history, Instant now) {
        Held latest = null;
        for (ContactLimit limit : limits) {
            latest = later(latest, attempts(limit, history, now));
            latest = later(latest, quiet(limit, history, now));
        }
        return Optional.ofNullable(latest);
    }

    /** How far back a claim must read a person's history for these limits. */
    public static Duration lookBack(List<ContactLimit> limits) {
        int days = 0;
        for (ContactLimit l : limits) {
            Integer window = l.countsAttempts() ? l.days() : null;
            Integer quiet = l.afterConversationDays();
            days = Math.max(days, window == null ? 0 : window);
            days = Math.max(days, quiet == null ? 0 : quiet);
        }
        // A conversation is stamped when it ends, after its attempt started: read a day more.
        return Duration.ofDays(days + 1L);
    }

    private static @Nullable Held attempts(ContactLimit limit, ContactHistory history, Instant now) {
        Integer maxAttempts = limit.maxAttempts();
        Integer days = limit.days();
        if (maxAttempts == null || days == null) {
            return null;
        }
        int max = maxAttempts;
        Duration window = Duration.ofDays(days);
        List<Instant> inWindow = history.attempts().stream()
                .filter(a -> a.isAfter(now.minus(window)))
                .sorted()
                .toList();
        if (inWindow.size() < max) {
            return null;
        }
        Instant until = inWindow.get(inWindow.size() - max).plus(window);
        return new Held(
                until,
                Cause.ATTEMPTS,
                "%s in %s; next allowed %s".formatted(count(max, "attempt"), count(days, "day"), minutes(until)));
    }

    private static @Nullable Held quiet(ContactLimit limit, ContactHistory history, Instant now) {
        Integer days = limit.afterConversationDays();
        Instant conversation = history.lastConversation();
        if (days == null || conversation == null) {
            return null;
        }
        Instant until = conversation.plus(Duration.ofDays(days));
        if (!until.isAfter(now)) {
            return null;
        }
        return new Held(
                until,
                Cause.CONVERSATION,
                "conversation at %s; quiet for %s; next allowed %s"
                        .formatted(minutes(conversation), count(days, "day"), minutes(until)));
    }

    private static @Nullable Held later(@Nullable Held a, @Nullable Held b) {
        return a == null ? b : b == null || !b.until().isAfter(a.until()) ? a : b;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String minutes(Instant at) {
        // Rounded up so "next allowed" is never a moment when it is still held.
        Instant up = at.truncatedTo(ChronoUnit.MINUTES);
        return (up.isBefore(at) ? up.plus(Duration.ofMinutes(1)) : up).toString();
    }
}
